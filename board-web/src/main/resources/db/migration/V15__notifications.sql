-- Notifications to the team (org.vigie.board.notify): channels with their rule, the outbox and its delivery log.

-- A place notifications go (a webhook, a chat, a pager) and which events it gets. Settings anyone may read are
-- JSON in settings; what must stay secret (tokens, keys, webhook URLs carrying a token) is JSON encrypted with
-- AES-GCM under vigie.notify.secret-key in secrets, never shown again after saving.
CREATE TABLE notification_channels (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    name                 VARCHAR(100)  NOT NULL,
    kind                 VARCHAR(16)   NOT NULL,               -- WEBHOOK, SLACK, DISCORD, TEAMS, ... (ChannelKind)
    enabled              BOOLEAN       NOT NULL DEFAULT TRUE,
    settings             VARCHAR(4000) NOT NULL,
    secrets              VARCHAR(8000) NULL,                   -- base64(iv || AES-GCM ciphertext and tag)
    events               VARCHAR(200)  NOT NULL,               -- comma-separated: down,warning,unknown,up,incident-...
    service_slugs        VARCHAR(2000) NULL,                   -- comma-separated; with group_slugs empty: every service
    group_slugs          VARCHAR(2000) NULL,
    renotify_every_s     INT           NULL,                   -- again while a service stays Down; NULL: once
    quiet_in_maintenance BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at           DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_notification_channels_name (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The outbox: one row per notification and channel, written in the transaction that writes its event (or incident
-- update), so there is no event without its notifications and no notification without its event. Deliverers claim
-- due rows with SELECT ... FOR UPDATE SKIP LOCKED and lease them (state SENDING, next_attempt_at = lease end).
CREATE TABLE notifications (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    channel_id      BIGINT        NOT NULL,
    kind            VARCHAR(24)   NOT NULL,                    -- DOWN, WARNING, UNKNOWN, UP, INCIDENT_*, TEST
    service_id      BIGINT        NULL,
    event_id        BIGINT        NULL,
    incident_id     BIGINT        NULL,
    message         TEXT          NOT NULL,                    -- the notice, as JSON, rendered per channel at delivery
    state           VARCHAR(10)   NOT NULL,                    -- PENDING, SENDING, RETRYING, SENT, FAILED
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    sent_at         DATETIME(3)   NULL,
    response_status INT           NULL,                        -- the latest attempt's
    response_body   VARCHAR(1000) NULL,
    error           VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY ix_notifications_due (state, next_attempt_at),
    KEY ix_notifications_log (created_at, id),
    KEY ix_notifications_reminder (channel_id, service_id, created_at),
    CONSTRAINT fk_notifications_channel FOREIGN KEY (channel_id) REFERENCES notification_channels (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The delivery log: every attempt with what the receiver answered.
CREATE TABLE notification_attempts (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    notification_id BIGINT        NOT NULL,
    attempt         INT           NOT NULL,
    at              DATETIME(3)   NOT NULL,
    outcome         VARCHAR(10)   NOT NULL,                    -- SENT, RETRYING, FAILED
    response_status INT           NULL,
    response_body   VARCHAR(1000) NULL,
    error           VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY ix_notification_attempts (notification_id, attempt),
    CONSTRAINT fk_notification_attempts FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
