-- Vigie's schema. board-web owns it: Flyway applies these files at board-web's start, and every other
-- app (the dispatcher) reads and writes only what docs/architecture.md says it may.
-- Times are UTC. DATETIME(3) keeps milliseconds where the server and driver do; order never relies on
-- fractions alone (ids break ties).

CREATE TABLE statuses (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    slug        VARCHAR(64)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(255) NOT NULL DEFAULT '',
    severity    VARCHAR(16)  NOT NULL,           -- NORMAL, WARNING, ERROR, CRITICAL
    image       VARCHAR(64)  NOT NULL,           -- name of a built-in icon
    is_default  BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    UNIQUE KEY uk_statuses_slug (slug)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO statuses (slug, name, description, severity, image, is_default) VALUES
    ('up',      'Up',      'The service is up',                 'NORMAL',  'tick-circle',        TRUE),
    ('warning', 'Warning', 'The service is experiencing issues', 'WARNING', 'exclamation',        FALSE),
    ('down',    'Down',    'The service is down',               'ERROR',   'cross-circle',       FALSE);

CREATE TABLE services (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    slug             VARCHAR(64)   NOT NULL,
    name             VARCHAR(100)  NOT NULL,
    description      VARCHAR(1000) NOT NULL DEFAULT '',
    target           VARCHAR(2048) NULL,                 -- connection string; NULL: status from admins' events only
    check_interval_s INT           NOT NULL DEFAULT 60,
    status_id        BIGINT        NULL,                 -- latest non-informational event's status; NULL: the default
    status_since     DATETIME(3)   NULL,
    created_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_services_slug (slug),
    CONSTRAINT fk_services_status FOREIGN KEY (status_id) REFERENCES statuses (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The dispatcher's rows: one per service that has a target. board-web inserts and deletes them with the
-- service's target; the dispatcher claims due rows (SELECT ... FOR UPDATE SKIP LOCKED) and moves next_check_at.
CREATE TABLE check_schedules (
    service_id         BIGINT      NOT NULL,
    next_check_at      DATETIME(3) NOT NULL,
    last_dispatched_at DATETIME(3) NULL,
    PRIMARY KEY (service_id),
    KEY ix_check_schedules_due (next_check_at),
    CONSTRAINT fk_check_schedules_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every stored result. task_id is unique: a redelivered result is stored once.
CREATE TABLE check_results (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    task_id     VARCHAR(64)  NOT NULL,
    service_id  BIGINT       NOT NULL,
    outcome     VARCHAR(8)   NOT NULL,               -- UP, WARNING, DOWN
    latency_ms  INT          NOT NULL,
    reason      VARCHAR(200) NOT NULL,
    worker_id   VARCHAR(100) NOT NULL,
    started_at  DATETIME(3)  NOT NULL,
    finished_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_check_results_task (task_id),
    KEY ix_check_results_service_time (service_id, finished_at),
    CONSTRAINT fk_check_results_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the checks have concluded so far for each service: the state that decides the next event.
CREATE TABLE check_states (
    service_id            BIGINT       NOT NULL,
    outcome               VARCHAR(8)   NOT NULL,       -- the outcome the board currently shows for the checks
    consecutive_failures  INT          NOT NULL DEFAULT 0,
    consecutive_successes INT          NOT NULL DEFAULT 0,
    last_task_id          VARCHAR(64)  NOT NULL,
    last_outcome          VARCHAR(8)   NOT NULL,
    last_checked_at       DATETIME(3)  NOT NULL,
    last_latency_ms       INT          NOT NULL,
    last_reason           VARCHAR(200) NOT NULL,
    PRIMARY KEY (service_id),
    CONSTRAINT fk_check_states_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the board shows: status changes and notes, posted by admins or derived from checks.
CREATE TABLE events (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    service_id    BIGINT       NOT NULL,
    status_id     BIGINT       NOT NULL,
    message       VARCHAR(1000) NOT NULL,
    informational BOOLEAN      NOT NULL DEFAULT FALSE,  -- a note: does not change the current status
    source        VARCHAR(8)   NOT NULL,                -- CHECK or ADMIN
    task_id       VARCHAR(64)  NULL,                    -- the result that caused a CHECK event: written once
    created_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_events_task (task_id),
    KEY ix_events_service_time (service_id, created_at, id),
    CONSTRAINT fk_events_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE,
    CONSTRAINT fk_events_status FOREIGN KEY (status_id) REFERENCES statuses (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
