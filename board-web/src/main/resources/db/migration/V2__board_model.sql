-- The board's full model: groups, ordering, the Maintenance status, admins and their API tokens, board
-- settings, evidence of failed checks, and the rollups the board's history is drawn from.

CREATE TABLE service_groups (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    slug          VARCHAR(64)   NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    description   VARCHAR(1000) NOT NULL DEFAULT '',
    display_order INT           NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uk_service_groups_slug (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE services
    ADD COLUMN group_id      BIGINT NULL AFTER description,
    ADD COLUMN display_order INT    NOT NULL DEFAULT 0 AFTER group_id,
    ADD CONSTRAINT fk_services_group FOREIGN KEY (group_id) REFERENCES service_groups (id) ON DELETE SET NULL;

INSERT INTO statuses (slug, name, description, severity, image, is_default) VALUES
    ('maintenance', 'Maintenance', 'The service is under planned maintenance', 'WARNING', 'wrench', FALSE);

-- Admins log in to /admin with these; the first one is created by `vigie.admin.initial-*` settings.
CREATE TABLE admin_users (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,             -- bcrypt
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_admin_users_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Bearer tokens for the write API. Only a SHA-256 of the token is kept; the token is shown once, at creation.
CREATE TABLE api_tokens (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL,               -- hex SHA-256
    token_prefix VARCHAR(12)  NOT NULL,               -- first characters, so admins can tell tokens apart
    created_at   DATETIME(3)  NOT NULL,
    last_used_at DATETIME(3)  NULL,
    revoked_at   DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_tokens_hash (token_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row: what admins set on the settings page.
CREATE TABLE board_settings (
    id           BIGINT        NOT NULL,
    name         VARCHAR(100)  NOT NULL,
    logo_url     VARCHAR(2048) NULL,
    report_url   VARCHAR(2048) NULL,                  -- "report an issue" link
    history_days INT           NOT NULL,
    time_zone    VARCHAR(64)   NOT NULL,              -- IANA zone, the board's default for visitors
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO board_settings (id, name, logo_url, report_url, history_days, time_zone) VALUES (1, 'Vigie', NULL, NULL, 7, 'UTC');

-- What the probe saw, for admins reading a failure (JSON object); NULL for results that were up.
ALTER TABLE check_results ADD COLUMN evidence TEXT NULL;

-- Rollups, written with the results in the same transaction: the board's history, uptime and latency charts
-- read these, never the raw results. Days and hours are UTC.
CREATE TABLE check_daily (
    service_id     BIGINT NOT NULL,
    day            DATE   NOT NULL,
    checks         INT    NOT NULL,
    up             INT    NOT NULL,
    warning        INT    NOT NULL,
    down           INT    NOT NULL,
    latency_sum_ms BIGINT NOT NULL,
    latency_max_ms INT    NOT NULL,
    PRIMARY KEY (service_id, day),
    CONSTRAINT fk_check_daily_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE check_hourly (
    service_id     BIGINT      NOT NULL,
    hour           DATETIME    NOT NULL,
    checks         INT         NOT NULL,
    up             INT         NOT NULL,
    warning        INT         NOT NULL,
    down           INT         NOT NULL,
    latency_sum_ms BIGINT      NOT NULL,
    latency_max_ms INT         NOT NULL,
    PRIMARY KEY (service_id, hour),
    CONSTRAINT fk_check_hourly_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Events by day across services (the board's history columns, the feeds).
CREATE INDEX ix_events_time ON events (created_at, id);
