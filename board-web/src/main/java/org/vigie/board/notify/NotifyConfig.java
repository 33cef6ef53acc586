package org.vigie.board.notify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Notifications to the team (docs/notifications.md). Links in messages point at the board's public address,
 * {@code vigie.board.public-url} (e.g. {@code https://status.example.org}); without it they are left out.
 */
@ConfigMapping(prefix = "vigie.notify")
public interface NotifyConfig {

    /**
     * The key that encrypts channels' secrets (AES-256-GCM): 32 random bytes in base64 ({@code openssl rand -base64
     * 32}). Required in production; the dev and test profiles use a fixed key. Changing it makes the stored secrets
     * unreadable: channels then need their secrets typed again.
     */
    Optional<String> secretKey();

    /** How often each board-web looks for notifications due; {@code off} turns delivery off (tests deliver). */
    @WithDefault("1s")
    String deliverEvery();

    /** The most notifications one board-web claims at once. */
    @WithDefault("20")
    int batchSize();

    /** Tries per notification before it is marked failed. */
    @WithDefault("8")
    int attempts();

    /** The delay before the second try; each next one doubles it, up to {@link #maxDelay()}. */
    @WithDefault("10s")
    Duration baseDelay();

    @WithDefault("30m")
    Duration maxDelay();

    /**
     * The most deliveries per channel and minute, all board-webs together, for channels that set none of their own;
     * more wait their turn (chat services throttle webhooks: Slack about one message a second, Discord 30 a minute).
     */
    @WithDefault("30")
    int ratePerMinute();

    /**
     * How many days before a service's TLS certificate expires its channels wanting {@code certificate-expiring} are
     * told: once at each of these thresholds per certificate (the smallest one crossed, when first seen late).
     */
    @WithDefault("14,7,3,1")
    List<Integer> certificateWarningDays();

    /** Connecting to a receiver (an HTTP server or an email channel's SMTP server). */
    @WithDefault("5s")
    Duration connectTimeout();

    /** A whole request, from connecting to the last byte of the answer. */
    @WithDefault("15s")
    Duration requestTimeout();

    /** A pooled connection unused this long is closed. */
    @WithDefault("30s")
    Duration idleTimeout();

    /**
     * How long a claimed notification is a deliverer's: a board-web that dies while sending leaves it due again after
     * this (it may then be delivered twice: the only case). Never less than {@link #requestTimeout()} times
     * {@link #batchSize()} and 30 s (one channel's batch sent one after the other, each timing out).
     */
    @WithDefault("2m")
    Duration lease();

    /** How often reminders are written for services still Down on channels with a re-notify interval. */
    @WithDefault("30s")
    String remindEvery();

    /** The language of the messages: {@code en} or {@code fr}. */
    @WithDefault("en")
    String language();

    /** Telegram's Bot API. */
    @WithDefault("https://api.telegram.org")
    String telegramApi();

    /** PagerDuty's Events API v2 endpoint. */
    @WithDefault("https://events.pagerduty.com/v2/enqueue")
    String pagerdutyUrl();

    /** Opsgenie's API, unless the channel names another (EU accounts: {@code https://api.eu.opsgenie.com}). */
    @WithDefault("https://api.opsgenie.com")
    String opsgenieApi();
}
