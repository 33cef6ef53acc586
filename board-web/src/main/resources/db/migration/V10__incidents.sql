-- Incidents: what admins tell visitors about trouble, in their own words (org.vigie.board.incident). An incident
-- names the services it affects and has a timeline of updates; its state, start and end follow from that timeline.

CREATE TABLE incidents (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    title       VARCHAR(200) NOT NULL,
    impact      VARCHAR(8)   NOT NULL,                -- NONE, MINOR, MAJOR or CRITICAL
    state       VARCHAR(16)  NOT NULL,                -- the latest update's: INVESTIGATING ... RESOLVED
    published   BOOLEAN      NOT NULL DEFAULT TRUE,   -- a draft is seen by admins only
    created_at  DATETIME(3)  NOT NULL,                -- the earliest update's time (updates may be backdated)
    resolved_at DATETIME(3)  NULL,                    -- the latest update's time when it resolved the incident
    PRIMARY KEY (id),
    -- open incidents on the board; the list by month, newest first
    KEY ix_incidents_open (resolved_at, created_at),
    KEY ix_incidents_created (created_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The services an incident affects, each with its impact on that service.
CREATE TABLE incident_services (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    incident_id BIGINT      NOT NULL,
    service_id  BIGINT      NOT NULL,
    impact      VARCHAR(24) NOT NULL,                 -- DEGRADED_PERFORMANCE, PARTIAL_OUTAGE or MAJOR_OUTAGE
    PRIMARY KEY (id),
    UNIQUE KEY uk_incident_services (incident_id, service_id),
    KEY ix_incident_services_service (service_id),
    CONSTRAINT fk_incident_services_incident FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE,
    CONSTRAINT fk_incident_services_service FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The timeline: each update sets the incident's state and says why.
CREATE TABLE incident_updates (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    incident_id BIGINT        NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    message     VARCHAR(2000) NOT NULL,
    created_at  DATETIME(3)   NOT NULL,               -- when it happened, as the admin says (may be backdated)
    PRIMARY KEY (id),
    KEY ix_incident_updates_incident (incident_id, created_at, id),
    -- the feeds: newest updates first across incidents
    KEY ix_incident_updates_time (created_at, id),
    CONSTRAINT fk_incident_updates_incident FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
