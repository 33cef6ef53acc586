-- Admin sessions (admin/AdminSessionMechanism): every login cookie carries the admin's session version at login and
-- is refused once it differs. Logging out and changing the password add one, which ends every session of that admin
-- at its next request, on every board-web.
ALTER TABLE admin_users
    ADD COLUMN session_version BIGINT NOT NULL DEFAULT 0;
