-- Pools (org.vigie.check.Pools): a service is checked from one or more pools of workers, and the board decides its
-- status from what the pools say (org.vigie.board.pool.Quorum).

-- The pools a service is checked from, comma-separated in the admin's order, and how many of them must agree for
-- Down or Warning (NULL: a majority). A service that names no pool is checked from the default one, as before pools.
ALTER TABLE services
    ADD COLUMN pools       VARCHAR(700) NOT NULL DEFAULT 'default' AFTER check_interval_s,
    ADD COLUMN pool_quorum INT          NULL AFTER pools;

-- Which pool checked: results from before pools were checked from the default one.
ALTER TABLE check_results ADD COLUMN pool VARCHAR(40) NOT NULL DEFAULT 'default';

-- What each pool's checks say of a service, as check_states says it of the service: the debounced outcome, the last
-- result, and since when the pool has been silent (Unknown). check_states keeps what the board shows, decided from
-- these rows by the quorum rule.
CREATE TABLE pool_states (
    service_id            BIGINT       NOT NULL,
    pool                  VARCHAR(40)  NOT NULL,
    outcome               VARCHAR(8)   NOT NULL,
    consecutive_failures  INT          NOT NULL DEFAULT 0,
    consecutive_successes INT          NOT NULL DEFAULT 0,
    last_task_id          VARCHAR(64)  NULL,
    last_outcome          VARCHAR(8)   NULL,
    last_checked_at       DATETIME(3)  NULL,
    last_issued_at        DATETIME(3)  NULL,
    last_latency_ms       INT          NOT NULL DEFAULT 0,
    last_reason           VARCHAR(200) NULL,
    last_public_reason    VARCHAR(200) NULL,
    unknown_since         DATETIME(3)  NULL,
    PRIMARY KEY (service_id, pool),
    CONSTRAINT fk_pool_states_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Checks per service, pool and day: the uptime and latency of each pool on the service page.
CREATE TABLE pool_daily (
    service_id     BIGINT      NOT NULL,
    pool           VARCHAR(40) NOT NULL,
    day            DATE        NOT NULL,
    checks         INT         NOT NULL,
    up             INT         NOT NULL,
    warning        INT         NOT NULL,
    down           INT         NOT NULL,
    latency_sum_ms BIGINT      NOT NULL,
    latency_max_ms INT         NOT NULL,
    PRIMARY KEY (service_id, pool, day),
    CONSTRAINT fk_pool_daily_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
