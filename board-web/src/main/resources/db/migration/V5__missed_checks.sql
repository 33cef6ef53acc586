-- Checks that never produced a result: tasks that expired before a worker ran them, or that a worker could not
-- read. board-web takes them off the tasks' dead-letter queue (result/BrokerWatch), so that the board can tell
-- "checks are not being run" from "the target is down". No foreign key: a task may name a deleted service.
CREATE TABLE missed_checks (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    task_id    VARCHAR(64)  NOT NULL,
    service_id BIGINT       NULL,                    -- NULL when the task could not be read
    kind       VARCHAR(16)  NOT NULL,                -- expired, malformed, rejected, delivery-limit
    reason     VARCHAR(300) NOT NULL,
    missed_at  DATETIME(3)  NOT NULL,                -- when board-web took it off the dead-letter queue
    PRIMARY KEY (id),
    UNIQUE KEY uk_missed_checks_task (task_id),
    KEY ix_missed_checks_service_time (service_id, missed_at),
    KEY ix_missed_checks_time (missed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
