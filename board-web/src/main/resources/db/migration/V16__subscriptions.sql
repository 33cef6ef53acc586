-- Visitors' subscriptions (org.vigie.board.subscribe): visitors of the public board told of incidents and
-- maintenance by email (double opt-in) or by webhook, delivered through the team notifications' outbox.

-- One subscriber. An email address is kept only while subscribed: unsubscribing deletes the row (and its pending
-- notifications), and a subscription left unconfirmed is deleted when its confirmation expires.
CREATE TABLE subscriptions (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    kind           VARCHAR(8)    NOT NULL,                     -- EMAIL, WEBHOOK
    address        VARCHAR(2000) NOT NULL,                     -- the email address or the webhook's URL
    service_slugs  VARCHAR(2000) NULL,                         -- comma-separated; empty: the whole board
    secret         VARCHAR(500)  NULL,                         -- a webhook's signing secret, sealed by notify's SecretBox
    token          VARCHAR(64)   NOT NULL,                     -- random; in the confirmation and unsubscribe links
    board_url      VARCHAR(300)  NOT NULL,                     -- the board's address the links start with
    confirmed_at   DATETIME(3)   NULL,                         -- NULL: waiting for the email's confirmation
    created_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_subscriptions_token (token),
    KEY ix_subscriptions_address (kind, address(191)),
    KEY ix_subscriptions_unconfirmed (confirmed_at, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What admins choose for subscribers: one row. Off by default: visitors hear of incidents and maintenance only.
CREATE TABLE subscriber_settings (
    id             BIGINT        NOT NULL,
    status_changes BOOLEAN       NOT NULL DEFAULT FALSE,       -- also every service's Down, Warning, Unknown and Up
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
INSERT INTO subscriber_settings (id, status_changes) VALUES (1, FALSE);

-- A notification goes to a team's channel or to one subscriber: the outbox, its claims and retries are the same.
ALTER TABLE notifications
    MODIFY channel_id BIGINT NULL,
    ADD COLUMN subscription_id BIGINT NULL AFTER channel_id,
    ADD CONSTRAINT fk_notifications_subscription FOREIGN KEY (subscription_id) REFERENCES subscriptions (id)
        ON DELETE CASCADE;
