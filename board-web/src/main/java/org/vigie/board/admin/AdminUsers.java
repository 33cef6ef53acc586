package org.vigie.board.admin;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.vigie.board.web.Conflict;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Sort;

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

    /** What each admin request checks: the session version its cookie must carry, and the admin's role. */
    public record Access(long sessionVersion, AdminRole role) {}

    /** The admin's current session version and role; empty when the admin no longer exists. */
    @Transactional
    public Optional<Access> access(String username) {
        return AdminUser.find("username", username).project(Access.class).firstResultOptional();
    }

    @Transactional
    public List<AdminUser> list() {
        return AdminUser.listAll(Sort.by("username"));
    }

    /**
     * Adds an admin with a role; refuses a bad or taken username or a short password. The hash is made here, before
     * the transaction (bcrypt is slow).
     */
    public AdminUser add(String username, AdminRole role, String password) {
        String name = username == null ? "" : username.trim();
        Inputs inputs = new Inputs();
        if (!validUsername(name)) {
            inputs.error("username", USERNAME_RULE);
        }
        if (role == null) {
            inputs.error("role", AdminRole.RULE);
        }
        if (!validPassword(password)) {
            inputs.error("password", PASSWORD_RULE);
        }
        inputs.throwIfAny();
        return insert(name, role, hash(password));
    }

    @Transactional
    AdminUser insert(String username, AdminRole role, String passwordHash) {
        if (AdminUser.findByUsername(username).isPresent()) {
            throw new Conflict("username: an admin named " + username + " already exists");
        }
        AdminUser user = new AdminUser();
        user.username = username;
        user.role = role;
        user.passwordHash = passwordHash;
        user.createdAt = clock.instant();
        user.persist();
        return user;
    }

    /** The admin who signs in through the OpenID Connect provider with this subject (SingleSignOn). */
    @Transactional
    public Optional<AdminUser> bySsoSubject(String subject) {
        return AdminUser.findBySsoSubject(subject);
    }

    /**
     * Adds an admin who signs in through the provider. Their password is a random one nobody is told (the hash is
     * made by the caller, before the transaction): they log in through the provider only.
     */
    @Transactional
    public AdminUser insertSso(String username, AdminRole role, String passwordHash, String subject) {
        AdminUser user = insert(username, role, passwordHash);
        user.ssoSubject = subject;
        return user;
    }

    /**
     * Gives an admin another role and ends their sessions (they log in again, under the new role). Never leaves the
     * board without an owner: the owners' rows are locked first, so two owners demoting each other at once cannot
     * both succeed.
     *
     * @return the admin's name, and whether the role changed (the same role again changes nothing)
     */
    @Transactional
    public RoleChange changeRole(long id, AdminRole role) {
        if (role == null) {
            throw new InvalidInput("role", AdminRole.RULE);
        }
        AdminUser user = lockedWithOwners(id);
        if (user.role == AdminRole.OWNER && role != AdminRole.OWNER) {
            requireAnotherOwner(user, "make " + user.username + " " + role.label());
        }
        if (user.role == role) {
            return new RoleChange(user.username, false);
        }
        user.role = role;
        user.sessionVersion++;
        return new RoleChange(user.username, true);
    }

    public record RoleChange(String username, boolean changed) {}

    /** Removes an admin (their sessions end with them), never the last owner. @return the admin's name */
    @Transactional
    public String remove(long id) {
        AdminUser user = lockedWithOwners(id);
        if (user.role == AdminRole.OWNER) {
            requireAnotherOwner(user, "remove " + user.username);
        }
        user.delete();
        return user.username;
    }

    private static AdminUser lockedWithOwners(long id) {
        AdminUser.find("role", AdminRole.OWNER)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
        AdminUser user = AdminUser.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new NotFound("no admin with id " + id);
        }
        return user;
    }

    private static void requireAnotherOwner(AdminUser user, String what) {
        if (AdminUser.count("role = ?1 and id <> ?2", AdminRole.OWNER, user.id) == 0) {
            throw new Conflict(
                    "cannot " + what + ": the board needs at least one owner; make another admin owner first");
        }
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
