package org.vigie.drills;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node and a MariaDB server of the drills' own, on free ports and in a temporary directory: the drills stop,
 * kill and restart them without touching the broker on 5672 and the database on 3306 that other tests use.
 */
final class DrillServers implements AutoCloseable {

    final int amqpPort;
    final int dbPort;
    final String node;
    /**
     * The apps' database and broker user (both {@value #APP_USER}) and its password, made for this run: in production
     * the apps refuse the well-known passwords the ledger's own connections use.
     */
    static final String APP_USER = "vigie_app";

    final String appPassword = UUID.randomUUID().toString().replace("-", "");
    private final int distPort;
    private final Path dir;
    private final Path logs;
    private Process mariadb;

    DrillServers(Path logs) throws IOException {
        this.logs = logs;
        this.dir = Files.createTempDirectory("vigie-drills-");
        this.amqpPort = freePort();
        this.distPort = freePort();
        this.dbPort = freePort();
        this.node = "vigie-drill-" + ProcessHandle.current().pid() + "@localhost";
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeQuietly));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + dbPort + "/vigie";
    }

    // ------------------------------------------------------------------------------------------ RabbitMQ

    void startBroker() throws Exception {
        Path rabbit = Files.createDirectories(dir.resolve("rabbitmq"));
        Files.createDirectories(rabbit.resolve("mnesia"));
        Files.createDirectories(rabbit.resolve("log"));
        // /etc/rabbitmq/rabbitmq.conf pins 5672 and RABBITMQ_NODE_PORT does not override it: a config file of our own.
        Files.writeString(rabbit.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + amqpPort + "\n");
        Files.writeString(rabbit.resolve("enabled_plugins"), "[].\n");
        run(60, "chown", "-R", "rabbitmq:rabbitmq", dir.toString());
        ProcessBuilder pb = new ProcessBuilder("rabbitmq-server", "-detached");
        pb.environment()
                .put("RABBITMQ_CONFIG_FILE", rabbit.resolve("rabbitmq.conf").toString());
        pb.environment().put("RABBITMQ_NODENAME", node);
        pb.environment().put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
        pb.environment().put("RABBITMQ_MNESIA_BASE", rabbit.resolve("mnesia").toString());
        pb.environment().put("RABBITMQ_LOG_BASE", rabbit.resolve("log").toString());
        pb.environment().put("RABBITMQ_PID_FILE", rabbit.resolve("rabbit.pid").toString());
        pb.environment()
                .put(
                        "RABBITMQ_ENABLED_PLUGINS_FILE",
                        rabbit.resolve("enabled_plugins").toString());
        pb.redirectErrorStream(true)
                .redirectOutput(logs.resolve("rabbitmq-start.log").toFile());
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException(
                    "rabbitmq-server -detached failed; see " + logs.resolve("rabbitmq-start.log"));
        }
        run(120, "rabbitmqctl", "-n", node, "wait", rabbit.resolve("rabbit.pid").toString(), "--timeout", "110");
        run(60, "rabbitmqctl", "-n", node, "add_user", APP_USER, appPassword);
        run(60, "rabbitmqctl", "-n", node, "set_permissions", "-p", "/", APP_USER, ".*", ".*", ".*");
    }

    /** The broker's outage: the Erlang node stays, the AMQP listener and every connection go. */
    void stopBrokerApp() throws Exception {
        run(60, "rabbitmqctl", "-n", node, "stop_app");
    }

    void startBrokerApp() throws Exception {
        run(120, "rabbitmqctl", "-n", node, "start_app");
    }

    // ------------------------------------------------------------------------------------------ MariaDB

    void startDatabase(boolean firstTime) throws Exception {
        Path db = dir.resolve("mariadb");
        if (firstTime) {
            Files.createDirectories(db);
            run(
                    120,
                    "mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + db.resolve("data"),
                    "--user=root",
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db");
        }
        mariadb = new ProcessBuilder(
                        "mariadbd",
                        "--no-defaults",
                        "--datadir=" + db.resolve("data"),
                        "--user=root",
                        "--bind-address=127.0.0.1",
                        "--port=" + dbPort,
                        "--socket=" + db.resolve("sock"),
                        "--pid-file=" + db.resolve("pid"),
                        "--innodb-buffer-pool-size=256M",
                        "--max-connections=300",
                        "--skip-log-bin",
                        "--log-error=" + logs.resolve("mariadb.err"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve("mariadb.log").toFile()))
                .start();
        await("MariaDB on " + dbPort)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!mariadb.isAlive()) {
                        throw new IllegalStateException(
                                "mariadbd exited with " + mariadb.exitValue() + "; see " + logs.resolve("mariadb.err"));
                    }
                    try (Connection c = DriverManager.getConnection(
                            "jdbc:mysql://127.0.0.1:" + dbPort + "/?connectTimeout=1000", "root", "")) {
                        return true;
                    } catch (Exception e) {
                        return false;
                    }
                });
        if (firstTime) {
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort + "/", "root", "");
                    Statement sql = c.createStatement()) {
                sql.execute("CREATE DATABASE vigie CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                for (String host : List.of("localhost", "127.0.0.1")) {
                    sql.execute("CREATE USER 'vigie'@'" + host + "' IDENTIFIED BY 'vigie'");
                    sql.execute("GRANT ALL ON vigie.* TO 'vigie'@'" + host + "'");
                    sql.execute("CREATE USER '" + APP_USER + "'@'" + host + "' IDENTIFIED BY '" + appPassword + "'");
                    sql.execute("GRANT ALL ON vigie.* TO '" + APP_USER + "'@'" + host + "'");
                }
            }
        }
    }

    /** The database's outage: SIGKILL, no shutdown, InnoDB recovers at the next start. */
    void killDatabase() throws Exception {
        mariadb.destroyForcibly(); // SIGKILL on Linux
        mariadb.waitFor(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------------------------------ cleanup

    @Override
    public void close() {
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        try {
            if (Files.exists(dir.resolve("rabbitmq/rabbit.pid"))) {
                try {
                    run(60, "rabbitmqctl", "-n", node, "stop");
                } catch (Exception e) {
                    String pid =
                            Files.readString(dir.resolve("rabbitmq/rabbit.pid")).trim();
                    new ProcessBuilder("kill", "-9", pid).start().waitFor();
                }
            }
        } catch (Exception ignored) {
            // best effort: the directory goes below anyway
        }
        if (mariadb != null && mariadb.isAlive()) {
            mariadb.destroy();
            try {
                if (!mariadb.waitFor(30, TimeUnit.SECONDS)) {
                    mariadb.destroyForcibly();
                }
            } catch (InterruptedException e) {
                mariadb.destroyForcibly();
            }
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                List<Path> all =
                        new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a socket file in use; /tmp is cleaned at boot
            }
        }
    }

    private void run(int seconds, String... command) throws Exception {
        Path out = logs.resolve("servers-commands.log");
        Files.writeString(
                out, "$ " + String.join(" ", command) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + seconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited with " + p.exitValue() + "; see " + out);
        }
    }
}
