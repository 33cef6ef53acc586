package org.vigie.board.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Admin access. */
@ConfigMapping(prefix = "vigie.admin")
public interface AdminConfig {

    /**
     * A bearer token the admin API accepts ({@code Authorization: Bearer <token>}) besides the tokens admins create
     * on /admin/tokens (stored hashed in api_tokens). Optional: with neither, the admin API refuses every request.
     */
    Optional<String> apiToken();

    /**
     * The first admin's name (env VIGIE_ADMIN_INITIAL_USERNAME). At start, when admin_users is empty and both this
     * and {@link #initialPassword()} are set, that admin is created. Ignored once any admin exists.
     */
    Optional<String> initialUsername();

    /** The first admin's password (env VIGIE_ADMIN_INITIAL_PASSWORD), at least 10 characters; stored as bcrypt. */
    Optional<String> initialPassword();

    /**
     * Marks the admin cookies (login and CSRF) {@code Secure}, so browsers send them over HTTPS only. Turn it on
     * when the board is served over TLS (directly or behind a proxy); it breaks logins over plain HTTP.
     */
    @WithDefault("false")
    boolean secureCookies();
}
