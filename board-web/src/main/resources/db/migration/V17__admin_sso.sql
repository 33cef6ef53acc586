-- Single sign-on (admin/SingleSignOn): the subject the OpenID Connect provider gives an admin who signs in through
-- it. An admin is found by it at each sign-in, never by name or email (which a provider may let its users change);
-- admins who only log in with a password have none.
ALTER TABLE admin_users
    ADD COLUMN sso_subject VARCHAR(255) NULL,
    ADD UNIQUE KEY uk_admin_users_sso_subject (sso_subject);
