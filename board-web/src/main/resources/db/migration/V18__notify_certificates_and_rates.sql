-- Certificate expiry warnings and a per-channel rate limit that holds across board-webs (org.vigie.board.notify).

-- How many deliveries a channel may have per minute, all board-webs together; NULL: vigie.notify.rate-per-minute.
ALTER TABLE notification_channels ADD COLUMN rate_per_minute INT NULL AFTER quiet_in_maintenance;

-- The rate limit's sliding log: a channel allowed N a minute has N slots, each holding when it was last used. A
-- deliverer takes slots unused for a minute (SELECT ... FOR UPDATE SKIP LOCKED) in its claim's transaction, one per
-- notification it sends; with none free, the notification waits (THROTTLED) until the oldest slot frees.
CREATE TABLE notification_slots (
    channel_id BIGINT      NOT NULL,
    slot       INT         NOT NULL,                           -- 0 .. rate - 1; slots above a lowered rate are unused
    used_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (channel_id, slot),
    CONSTRAINT fk_notification_slots_channel FOREIGN KEY (channel_id) REFERENCES notification_channels (id)
        ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Certificate expiry warnings already written: one row per service, certificate (its expiry instant: a renewed
-- certificate starts over) and threshold (days left). The key makes each warning once, whichever board-web saw it.
CREATE TABLE certificate_warnings (
    service_id BIGINT      NOT NULL,
    expires_at DATETIME(3) NOT NULL,
    days       INT         NOT NULL,                           -- the threshold crossed (14, 7, 3, 1 by default)
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (service_id, expires_at, days),
    CONSTRAINT fk_certificate_warnings_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
