-- Scheduled maintenance (org.vigie.board.maintenance): windows admins plan ahead, during which their services show
-- Maintenance, write no Down or Unknown event and leave their results out of the uptime.

-- Maintenance: a built-in status like Unknown (V2 seeded it as a plain WARNING status an admin could delete). Its
-- severity is UNKNOWN: between NORMAL and WARNING in the worst-of rules, and neither up nor down in the uptime.
INSERT INTO statuses (slug, name, description, severity, image, is_default)
SELECT 'maintenance', 'Maintenance', 'The service is under planned maintenance', 'UNKNOWN', 'wrench', FALSE
FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM statuses WHERE slug = 'maintenance');
UPDATE statuses SET severity = 'UNKNOWN' WHERE slug = 'maintenance';

CREATE TABLE maintenance_windows (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    title       VARCHAR(200)  NOT NULL,
    message     VARCHAR(2000) NOT NULL,
    starts_at   DATETIME(3)   NOT NULL,               -- the first occurrence's start
    ends_at     DATETIME(3)   NOT NULL,               -- the first occurrence's end: each occurrence lasts as long
    repeat_rule VARCHAR(100)  NULL,                   -- NULL (once), 'weekly', or a 5-field UNIX cron expression
    ended_at    DATETIME(3)   NULL,                   -- "end now": ends the occurrence in progress then
    created_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_maintenance_windows_ends (ends_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The services a window covers. shown_since: the start of the occurrence whose Maintenance event the service got
-- (NULL: none shown); set and cleared on the row locked FOR UPDATE SKIP LOCKED, so one event per occurrence.
CREATE TABLE maintenance_services (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    window_id   BIGINT      NOT NULL,
    service_id  BIGINT      NOT NULL,
    shown_since DATETIME(3) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_maintenance_services (window_id, service_id),
    KEY ix_maintenance_services_service (service_id),
    CONSTRAINT fk_maintenance_services_window FOREIGN KEY (window_id) REFERENCES maintenance_windows (id) ON DELETE CASCADE,
    CONSTRAINT fk_maintenance_services_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
