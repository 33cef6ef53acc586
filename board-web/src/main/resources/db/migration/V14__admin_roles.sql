-- Teams (admin/AdminRole, admin/AdminAccess): every admin and every API token has a role. owner: everything;
-- editor: services, groups, events, incidents, maintenance; viewer: reads the admin pages only. The admins and
-- tokens that exist already keep full access: they become owners. AdminUserCommand inserts without a role: an owner
-- (whoever runs it has the server, hence everything already).
ALTER TABLE admin_users
    ADD COLUMN role VARCHAR(8) NOT NULL DEFAULT 'OWNER';

ALTER TABLE api_tokens
    ADD COLUMN role VARCHAR(8) NOT NULL DEFAULT 'OWNER';

-- What admins changed, newest last (admin/audit/AuditLog): who (an admin's name or a token's), what (the action,
-- the kind of thing and its id or slug, a short summary), when. Written once the change has committed.
CREATE TABLE audit_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    at          DATETIME(3)  NOT NULL,
    actor       VARCHAR(120) NOT NULL,                -- admin username, or the token's name
    actor_kind  VARCHAR(8)   NOT NULL,                -- ADMIN or TOKEN
    action      VARCHAR(40)  NOT NULL,                -- create, update, delete, revoke, role, ...
    entity_type VARCHAR(40)  NOT NULL,                -- services, incidents, settings, admins, ...
    entity_id   VARCHAR(200) NULL,                    -- the id or slug, when the change names one
    summary     VARCHAR(500) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
