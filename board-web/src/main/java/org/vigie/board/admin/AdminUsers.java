package org.vigie.board.admin;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.web.InvalidInput;

import io.quarkus.elytron.security.common.BcryptUtil;

/** Admins and their passwords (bcrypt). */
@ApplicationScoped
public class AdminUsers {

    /** bcrypt cost: 2^12 rounds, about a quarter of a second per login on a small server. */
    public static final int BCRYPT_COST = 12;

    public static final int MIN_PASSWORD_LENGTH = 10;
    /** The rules, said once: here and by AdminUserCommand. */
    static final String USERNAME_RULE = "username must be 1 to 64 letters, digits, dots, dashes, underscores or @";

    static final String PASSWORD_RULE = "password must be at least " + MIN_PASSWORD_LENGTH + " characters";

    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such user: keep the timing", BCRYPT_COST);

    private final Clock clock;

    public AdminUsers(Clock clock) {
        this.clock = clock;
    }

    /** The user, when the password is theirs. */
    @Transactional
    public Optional<AdminUser> verify(String username, String password) {
        Optional<AdminUser> user = username == null ? Optional.empty() : AdminUser.findByUsername(username.trim());
        String hash = user.map(u -> u.passwordHash).orElse(DUMMY_HASH);
        boolean matches = password != null && BcryptUtil.matches(password, hash);
        return matches ? user : Optional.empty();
    }

    @Transactional
    public long count() {
        return AdminUser.count();
    }

    /** Adds an admin, or sets the password of an existing one; refuses a bad username or a short password. */
    @Transactional
    public AdminUser setPassword(String username, String password) {
        String name = username == null ? "" : username.trim();
        if (!validUsername(name)) {
            throw new InvalidInput("username", USERNAME_RULE);
        }
        if (!validPassword(password)) {
            throw new InvalidInput("password", PASSWORD_RULE);
        }
        AdminUser user = AdminUser.findByUsername(name).orElseGet(() -> {
            AdminUser u = new AdminUser();
            u.username = name;
            u.createdAt = clock.instant();
            return u;
        });
        user.passwordHash = hash(password);
        user.persist();
        return user;
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
