package org.vigie.board.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.vigie.board.admin.AdminConfig;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;

/**
 * The security headers on every response of the public port (pages, static files, feeds, badges, the APIs, the
 * admin, errors and redirects): a Content-Security-Policy that allows scripts, styles and images from the board
 * itself only (no inline script or style anywhere, so no {@code 'unsafe-inline'}), {@code frame-ancestors} as
 * configured, except for what other sites embed; Referrer-Policy; X-Content-Type-Options; and
 * Strict-Transport-Security when the board says it is served over TLS. A response that sets its own policy keeps
 * it (the board's pages add the origin of a logo hosted elsewhere).
 */
@ApplicationScoped
public class SecurityHeaders {

    public static final String CSP = "Content-Security-Policy";

    private final HeadersConfig config;
    private final boolean tls;
    /** The two policies without an extra image origin, built once: every response carries one. */
    private final String pagePolicy;

    private final String embedPolicy;

    @Inject
    public SecurityHeaders(HeadersConfig config, AdminConfig admin) {
        this(config, admin.secureCookies());
    }

    SecurityHeaders(HeadersConfig config, boolean tls) {
        this.config = config;
        this.tls = tls;
        this.pagePolicy = policy(false, Optional.empty());
        this.embedPolicy = policy(true, Optional.empty());
    }

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    rc.addHeadersEndHandler(ignored -> add(rc.response().headers(), rc.normalizedPath()));
                    rc.next();
                },
                // before the other filters, so that their own early answers carry the headers too
                200);
    }

    void add(MultiMap headers, String path) {
        // /q/ on this port is Quarkus' Dev UI in dev mode only (in production: 404), with inline scripts of its own
        if (!headers.contains(CSP) && (path == null || !path.startsWith("/q/"))) {
            headers.set(CSP, embeddable(path) ? embedPolicy : pagePolicy);
        }
        headers.set("Referrer-Policy", config.referrerPolicy());
        headers.set("X-Content-Type-Options", "nosniff");
        if (tls) {
            headers.set(
                    "Strict-Transport-Security",
                    "max-age=" + config.hstsMaxAge().toSeconds());
        }
    }

    /** The policy for one response; {@code imageOrigin} is an extra origin images may come from (a logo). */
    public String policy(boolean embeddable, Optional<String> imageOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
                + imageOrigin.map(o -> " " + o).orElse("")
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "
                + (embeddable ? "*" : config.frameAncestors());
    }

    /** What other sites embed (site/rest/Embeds): any site may frame it. */
    static boolean embeddable(String path) {
        return path != null && (path.startsWith("/badge/") || path.equals("/status.json"));
    }

    /**
     * The origin ({@code https://host:port}) of an absolute http(s) link, for the image sources; empty for a link
     * on the board itself or one that cannot be one.
     */
    public static Optional<String> origin(String link) {
        if (link == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(link.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || !uri.getHost().matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
