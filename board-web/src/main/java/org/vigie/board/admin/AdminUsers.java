package org.vigie.board.admin;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.web.InvalidInput;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Admins, their passwords (bcrypt) and their session versions. Only reads and writes rows here, in short
 * transactions: bcrypt runs elsewhere (PasswordChecks), never while a database connection is held.
 */
@ApplicationScoped
public class AdminUsers {

    /** bcrypt cost: 2^12 rounds, about a quarter of a second per login on a small server. */
    public static final int BCRYPT_COST = 12;

    public static final int MIN_PASSWORD_LENGTH = 10;
    /** The rules, said once: here and by AdminUserCommand. */
    static final String USERNAME_RULE = "username must be 1 to 64 letters, digits, dots, dashes, underscores or @";

    static final String PASSWORD_RULE = "password must be at least " + MIN_PASSWORD_LENGTH + " characters";

    private final Clock clock;

    public AdminUsers(Clock clock) {
        this.clock = clock;
    }

    /** What a login checks a password against: read, then the connection goes back to the pool. */
    public record Credentials(String username, String passwordHash, long sessionVersion) {}

    @Transactional
    public Optional<Credentials> credentials(String username) {
        if (username == null || !validUsername(username.trim())) {
            return Optional.empty();
        }
        return AdminUser.findByUsername(username.trim())
                .map(u -> new Credentials(u.username, u.passwordHash, u.sessionVersion));
    }

    /** The admin's current session version; empty when the admin no longer exists. */
    @Transactional
    public Optional<Long> sessionVersion(String username) {
        return AdminUser.find("select sessionVersion from AdminUser where username = ?1", username)
                .project(Long.class)
                .firstResultOptional();
    }

    /** Ends every session of the admin (logout): their cookies carry the old version. @return the new version */
    @Transactional
    public Optional<Long> revokeSessions(String username) {
        return AdminUser.findByUsername(username).map(u -> ++u.sessionVersion);
    }

    @Transactional
    public long count() {
        return AdminUser.count();
    }

    /**
     * Adds an admin, or sets the password of an existing one and ends their sessions; refuses a bad username or a
     * short password. The hash is made by the caller, before the transaction (bcrypt is slow).
     *
     * @return the admin's session version after the change
     */
    @Transactional
    public long setPasswordHash(String username, String passwordHash) {
        AdminUser user = AdminUser.findByUsername(username).orElseGet(() -> {
            AdminUser u = new AdminUser();
            u.username = username;
            u.createdAt = clock.instant();
            return u;
        });
        user.passwordHash = passwordHash;
        if (user.id != null) {
            user.sessionVersion++;
        }
        user.persist();
        return user.sessionVersion;
    }

    /** Adds an admin, or sets an existing one's password (ending their sessions), checking both rules first. */
    public long setPassword(String username, String password) {
        String name = username == null ? "" : username.trim();
        if (!validUsername(name)) {
            throw new InvalidInput("username", USERNAME_RULE);
        }
        if (!validPassword(password)) {
            throw new InvalidInput("password", PASSWORD_RULE);
        }
        return setPasswordHash(name, hash(password));
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    public static boolean validUsername(String name) {
        return name.matches("[A-Za-z0-9._@-]{1,64}");
    }

    public static boolean validPassword(String password) {
        return password != null && password.length() >= MIN_PASSWORD_LENGTH;
    }
}
