package org.vigie.board.admin;

import java.time.Duration;
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
     * Marks the admin cookies (login, known browser, CSRF) {@code Secure}, so browsers send them over HTTPS only. Turn it on
     * when the board is served over TLS (directly or behind a proxy); it breaks logins over plain HTTP.
     */
    @WithDefault("false")
    boolean secureCookies();

    /** The login form: how failed tries are throttled, and how many passwords are checked at once. */
    Login login();

    /** How long a login lasts. */
    Session session();

    interface Login {

        /**
         * Failed logins allowed per client address and, separately, per user name within {@link #failureWindow()};
         * the next try is refused (HTTP 429, Retry-After) until the lockout ends. Tries still running count too, so
         * that many tries sent at once do not all get through before the first fails.
         */
        @WithDefault("5")
        int maxFailures();

        /** The window {@link #maxFailures()} are counted in; it starts at the first failure. */
        @WithDefault("1m")
        Duration failureWindow();

        /** The first lockout; each further one in a row doubles, up to {@link #maxLockout()}. */
        @WithDefault("1m")
        Duration lockout();

        /** The longest lockout. It also bounds how long one can lock an admin out by failing logins in their name. */
        @WithDefault("15m")
        Duration maxLockout();

        /**
         * Addresses and names tracked at most (each). When full, those with nothing left to count are dropped first,
         * then the least recently failed: memory stays bounded whatever the number of attackers.
         */
        @WithDefault("10000")
        int maxTracked();

        /**
         * Threads that check passwords (bcrypt, about a quarter of a second each on one core). Logins never check
         * more at once, so they never take more CPU or database connections than this.
         */
        @WithDefault("2")
        int checkThreads();

        /** Logins that may wait for a checking thread; beyond, a login is refused at once (HTTP 503, Retry-After). */
        @WithDefault("16")
        int checkQueue();
    }

    interface Session {

        /** A login ends after this long without a request to /admin. */
        @WithDefault("8h")
        Duration idleTimeout();

        /** A login ends this long after the password was typed, however active the admin; then log in again. */
        @WithDefault("12h")
        Duration maxAge();

        /** The login cookie is renewed (its idle time restarted) at most this often while in use. */
        @WithDefault("1m")
        Duration renewAfter();
    }
}
