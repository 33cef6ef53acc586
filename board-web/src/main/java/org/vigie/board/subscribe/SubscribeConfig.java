package org.vigie.board.subscribe;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Visitors' subscriptions (docs/notifications.md, "Visitors' subscriptions"). Links in their messages start with
 * {@code vigie.board.public-url} when set.
 */
@ConfigMapping(prefix = "vigie.subscribe")
public interface SubscribeConfig {

    /** How long an email's confirmation link works; a subscription still unconfirmed then is deleted. */
    @WithDefault("48h")
    Duration confirmWithin();

    /** How often unconfirmed subscriptions past {@link #confirmWithin()} are deleted; {@code off} never (tests). */
    @WithDefault("10m")
    String sweepEvery();

    /**
     * Webhook URLs whose host is (or resolves to) a loopback, private, link-local or otherwise non-public address are
     * refused, so that a visitor cannot make board-web post into its own network; true allows them (tests, a board
     * on a private network only).
     */
    @WithDefault("false")
    boolean allowPrivateWebhooks();

    /** The subscribe form's rate limit. */
    Limit limit();

    /** The SMTP server visitors' mail goes through; without a host, visitors subscribe by webhook only. */
    Smtp smtp();

    interface Limit {

        /**
         * Subscribe tries allowed per client address and, separately, per email address or URL within
         * {@link #window()}; the next is refused (HTTP 429, Retry-After) until the lockout ends. Bounds the
         * confirmation mail one can make the board send to someone else.
         */
        @WithDefault("5")
        int maxTries();

        /** The window {@link #maxTries()} are counted in; it starts at the first try. */
        @WithDefault("10m")
        Duration window();

        /** The first lockout; each further one in a row doubles, up to {@link #maxLockout()}. */
        @WithDefault("10m")
        Duration lockout();

        @WithDefault("1h")
        Duration maxLockout();

        /** Addresses and emails tracked at most (each); the least recently counted go first. */
        @WithDefault("10000")
        int maxTracked();
    }

    interface Smtp {

        /** The SMTP server; unset: no email subscriptions. */
        Optional<String> host();

        /** Default 587 with starttls, 465 with tls, 25 with none. */
        Optional<Integer> port();

        /** {@code starttls} (the connection must be upgraded), {@code tls} (from the first byte) or {@code none}. */
        @WithDefault("starttls")
        String security();

        Optional<String> username();

        Optional<String> password();

        /** The sender's address. */
        @WithDefault("vigie@localhost")
        String from();
    }
}
