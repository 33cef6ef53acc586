package org.vigie.board.web;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The security headers on every response of the board, the API and the admin ({@link SecurityHeaders}). */
@ConfigMapping(prefix = "vigie.headers")
public interface HeadersConfig {

    /**
     * Who may show the board and the admin in a frame: the Content-Security-Policy {@code frame-ancestors} sources,
     * separated by spaces ({@code 'self'}, {@code 'none'}, or origins such as {@code https://intranet.example.org}).
     * The badges and {@code /status.json} are made to be embedded: any site may frame them, whatever this says.
     */
    @WithDefault("'self'")
    String frameAncestors();

    /** The Referrer-Policy: other sites learn the board's origin, never a page's path or query. */
    @WithDefault("strict-origin-when-cross-origin")
    String referrerPolicy();

    /**
     * How long browsers keep to HTTPS for the board's host once they have seen it (Strict-Transport-Security). Sent
     * only with {@code vigie.admin.secure-cookies=true}, the setting that says the board is served over TLS.
     */
    @WithDefault("365d")
    Duration hstsMaxAge();
}
