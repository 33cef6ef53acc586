package org.vigie.board.admin;

import java.io.Console;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Adds an admin, or sets an admin's password, straight in the database: for the first admin without the
 * {@code VIGIE_ADMIN_INITIAL_*} variables, or a forgotten password. Plain Java, no Quarkus start, so it runs next to
 * a running board:
 *
 * <pre>
 * java -cp 'board-web/target/quarkus-app/lib/main/*:board-web/target/quarkus-app/app/*' \
 *     org.vigie.board.admin.AdminUserCommand alice
 * </pre>
 *
 * The password is read from VIGIE_ADMIN_PASSWORD, else asked twice on the terminal. The database is the board's:
 * QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD (defaults: those of
 * application.properties). board-web must have started once, so that the schema exists. A new password ends every
 * session of that admin (their session version moves on).
 */
public final class AdminUserCommand {

    static final String DEFAULT_URL =
            "jdbc:mysql://127.0.0.1:3306/vigie?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

    private AdminUserCommand() {}

    public static void main(String[] args) throws SQLException {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println(
                    "usage: AdminUserCommand <username>   (password from VIGIE_ADMIN_PASSWORD or the terminal)");
            System.exit(2);
        }
        String username = args[0].trim();
        if (!AdminUsers.validUsername(username)) {
            fail(AdminUsers.USERNAME_RULE);
        }
        String password = System.getenv("VIGIE_ADMIN_PASSWORD");
        if (password == null) {
            Console console = System.console();
            if (console == null) {
                fail("no terminal to ask the password on: set VIGIE_ADMIN_PASSWORD");
            }
            char[] first = console.readPassword("Password for %s: ", username);
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                fail("the passwords differ");
            }
            password = new String(first);
        }
        if (!AdminUsers.validPassword(password)) {
            fail(AdminUsers.PASSWORD_RULE);
        }
        boolean created = setPassword(
                env("QUARKUS_DATASOURCE_JDBC_URL", DEFAULT_URL),
                env("QUARKUS_DATASOURCE_USERNAME", "vigie"),
                env("QUARKUS_DATASOURCE_PASSWORD", "vigie"),
                username,
                password);
        System.out.println((created ? "created admin " : "changed the password of admin ") + username);
    }

    /** @return true when the admin was created, false when an existing one got the new password */
    public static boolean setPassword(String url, String dbUser, String dbPassword, String username, String password)
            throws SQLException {
        String hash = BcryptUtil.bcryptHash(password, AdminUsers.BCRYPT_COST);
        try (Connection db = DriverManager.getConnection(url, dbUser, dbPassword)) {
            try (PreparedStatement update = db.prepareStatement(
                    // a new session version: the admin's logins end, in case the old password leaked
                    "UPDATE admin_users SET password_hash = ?, session_version = session_version + 1 WHERE username = ?")) {
                update.setString(1, hash);
                update.setString(2, username);
                if (update.executeUpdate() > 0) {
                    return false;
                }
            }
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO admin_users (username, password_hash, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, username);
                insert.setString(2, hash);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                return true;
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void fail(String message) {
        System.err.println("AdminUserCommand: " + message);
        System.exit(1);
    }
}
