package org.vigie.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.flywaydb.core.Flyway;

/**
 * The test database, built from board-web's migrations (the schema's only source) so that the dispatcher's SQL is
 * checked against the real tables. Plain JDBC, so the packaged-jar tests can use it too.
 */
public final class TestDatabase {

    private static final Properties SETTINGS = load();
    public static final String URL = SETTINGS.getProperty("%test.quarkus.datasource.jdbc.url");
    public static final String USER = SETTINGS.getProperty("quarkus.datasource.username");
    public static final String PASSWORD = SETTINGS.getProperty("%test.quarkus.datasource.password");

    private static boolean migrated;

    private TestDatabase() {}

    /** Cleans the test database and applies board-web's migrations, once per JVM. */
    public static synchronized void migrateOnce() {
        if (migrated) {
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(URL, USER, PASSWORD)
                .locations("filesystem:../board-web/src/main/resources/db/migration")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        flyway.migrate();
        migrated = true;
    }

    /** Removes every service (their schedules go with them: ON DELETE CASCADE). */
    public static void clear() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM services");
        }
    }

    /** Inserts a service and, when it has a target, its schedule row due at {@code nextCheckAt}. */
    public static long insertService(String slug, String target, int intervalSeconds, Instant nextCheckAt)
            throws SQLException {
        try (Connection c = connect()) {
            return insertService(c, slug, target, intervalSeconds, nextCheckAt);
        }
    }

    /** Inserts {@code count} due services with good targets, in one transaction. */
    public static List<Long> insertDueServices(String prefix, int count, int intervalSeconds) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                ids.add(insertService(
                        c,
                        prefix + "-" + i,
                        "tcp://host-" + i + ".example:443",
                        intervalSeconds,
                        Instant.now().minusSeconds(30)));
            }
            c.commit();
        }
        return ids;
    }

    public static LocalDateTime nextCheckAt(long serviceId) throws SQLException {
        return scheduleColumn(serviceId, "next_check_at");
    }

    public static LocalDateTime lastDispatchedAt(long serviceId) throws SQLException {
        return scheduleColumn(serviceId, "last_dispatched_at");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static long insertService(
            Connection c, String slug, String target, int intervalSeconds, Instant nextCheckAt) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO services (slug, name, target, check_interval_s, created_at) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, slug);
            ps.setString(2, slug);
            ps.setString(3, target);
            ps.setInt(4, intervalSeconds);
            ps.setObject(5, utc(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        if (target != null) {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO check_schedules (service_id, next_check_at) VALUES (?, ?)")) {
                ps.setLong(1, id);
                ps.setObject(2, utc(nextCheckAt));
                ps.executeUpdate();
            }
        }
        return id;
    }

    private static LocalDateTime scheduleColumn(long serviceId, String column) throws SQLException {
        try (Connection c = connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + column + " FROM check_schedules WHERE service_id = ?")) {
            ps.setLong(1, serviceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("service " + serviceId + " has no schedule row");
                }
                return rs.getObject(1, LocalDateTime.class);
            }
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = TestDatabase.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Checks the service from {@code pools} (comma-separated), as an admin sets them. */
    public static void setPools(long serviceId, String pools) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement ps = c.prepareStatement("UPDATE services SET pools = ? WHERE id = ?")) {
            ps.setString(1, pools);
            ps.setLong(2, serviceId);
            ps.executeUpdate();
        }
    }
}
