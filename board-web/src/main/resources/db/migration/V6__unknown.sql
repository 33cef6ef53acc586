-- Unknown: what the board says of a checked service when no result has been stored for it for a while
-- (event/Staleness). A built-in status like up, warning and down; its severity ranks it below Warning in the worst-of
-- rules, and the board never counts it as up or down. An admin's own status with this slug becomes the built-in one.
INSERT INTO statuses (slug, name, description, severity, image, is_default)
SELECT 'unknown', 'Unknown', 'No recent check result: Vigie cannot tell', 'UNKNOWN', 'unknown', FALSE
FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM statuses WHERE slug = 'unknown');
UPDATE statuses SET severity = 'UNKNOWN' WHERE slug = 'unknown';

-- When the service turned Unknown (NULL: it is not): set once by an atomic update, cleared by the next result. A row
-- may now exist before any result (a service never checked, about to turn Unknown): the last-check columns may be
-- NULL.
ALTER TABLE check_states
    ADD COLUMN unknown_since DATETIME(3) NULL,
    MODIFY last_task_id    VARCHAR(64)  NULL,
    MODIFY last_outcome    VARCHAR(8)   NULL,
    MODIFY last_checked_at DATETIME(3)  NULL,
    MODIFY last_latency_ms INT          NOT NULL DEFAULT 0,
    MODIFY last_reason     VARCHAR(200) NULL;

-- When the service's target was set: a service never checked turns Unknown counting from then.
ALTER TABLE services ADD COLUMN target_since DATETIME(3) NULL AFTER target;
UPDATE services SET target_since = created_at WHERE target IS NOT NULL;
