package org.vigie.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Starts Vigie's apps from their packaged jars as separate processes, on a database of their own and on
 * exchanges and queues named for this run only, and stops them afterwards. They run in the prod profile, as operators
 * run them, so on secrets of their own: a database user and a broker user with passwords made for this run (the
 * well-known local ones are refused in production), and a login cookie key.
 */
final class VigieProcesses implements AutoCloseable {

    static final String DATABASE = "vigie_e2e";
    static final String DATABASE_USER = "vigie_e2e";
    static final String ADMIN_TOKEN = "e2e-token";

    private final Path root =
            Path.of(System.getProperty("vigie.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of(System.getProperty("vigie.logs", "target/e2e-logs"));
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "vigie-e2e-" + run + ".";
    private final String brokerUser = "vigie-e2e-" + run;
    private final String secret = UUID.randomUUID().toString().replace("-", "");
    /** board-web's management interface (health, metrics), by board-web's HTTP port. */
    private final Map<Integer, Integer> managementPorts = new TreeMap<>();

    private final List<Process> running = new ArrayList<>();
    private final Map<String, Process> byName = new TreeMap<>();
    /** Task queues of pools other than the default, declared by this run's dispatcher: deleted with the rest. */
    private final List<String> poolQueues = new ArrayList<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    VigieProcesses() throws IOException, InterruptedException {
        Files.createDirectories(logs);
        String user = "'" + DATABASE_USER + "'@'%s' IDENTIFIED BY '" + secret + "'";
        StringBuilder sql = new StringBuilder();
        for (String host : List.of("localhost", "127.0.0.1")) {
            sql.append("CREATE USER IF NOT EXISTS ")
                    .append(user.formatted(host))
                    .append("; ");
            sql.append("ALTER USER ").append(user.formatted(host)).append("; ");
            sql.append("GRANT ALL ON `" + DATABASE + "`.* TO '" + DATABASE_USER + "'@'" + host + "'; ");
        }
        // as deploy/lib.sh makes Vigie's local user: the server's root, through the client's socket login
        if (admin("mariadb", "-uroot", "-e", sql.toString()) != 0
                && admin("mysql", "-uroot", "-e", sql.toString()) != 0) {
            throw new IllegalStateException("cannot create the database user " + DATABASE_USER + " as root");
        }
        if (admin("rabbitmqctl", "add_user", brokerUser, secret) != 0
                || admin("rabbitmqctl", "set_permissions", "-p", "/", brokerUser, ".*", ".*", ".*") != 0) {
            throw new IllegalStateException("cannot create the broker user " + brokerUser + " with rabbitmqctl");
        }
    }

    /** Runs an administration command, its output in the logs; its exit code (-1 when it cannot be started). */
    private int admin(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve("setup.log").toFile()))
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Every broker name an app reads, prefixed for this run: the apps of a parallel or earlier run never see its
     * messages. Each app gets only its own keys (the dispatcher refuses keys it does not know, to catch typos).
     */
    private Map<String, String> names(String module) {
        Map<String, String> names = new TreeMap<>();
        names.put("vigie.rabbitmq.dead-letter-exchange", prefix + "dlx");
        if (!module.equals("board-web")) {
            names.put("vigie.rabbitmq.tasks-exchange", prefix + "tasks");
            names.put("vigie.rabbitmq.tasks-queue", prefix + "check-tasks");
            names.put("vigie.rabbitmq.tasks-dead-letter-queue", prefix + "check-tasks.dlq");
        }
        if (!module.equals("check-dispatcher")) {
            names.put("vigie.rabbitmq.workers-exchange", prefix + "workers");
            names.put("vigie.rabbitmq.results-exchange", prefix + "results");
            names.put("vigie.rabbitmq.results-queue", prefix + "check-results");
            names.put("vigie.rabbitmq.results-dead-letter-queue", prefix + "check-results.dlq");
        }
        return names;
    }

    /** The broker name this run gives {@code key} ({@code vigie.rabbitmq.tasks-queue}, ...). */
    String brokerName(String key) {
        return names("check-worker").get(key);
    }

    /** This run's task queue of {@code pool} (not the default one), deleted when the run ends. */
    String tasksQueueOf(String pool) {
        String queue = prefix + "check-tasks." + pool;
        poolQueues.add(queue);
        return queue;
    }

    private ProcessBuilder process(String module, int httpPort, List<String> args, Map<String, String> properties)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        names(module).forEach((k, v) -> command.add("-D" + k + "=" + v));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dquarkus.http.port=" + httpPort);
        if (module.equals("board-web") && httpPort > 0) {
            int management = freePort();
            managementPorts.put(httpPort, management);
            command.add("-Dquarkus.management.port=" + management);
        }
        if (!module.equals("check-worker")) { // workers need the broker only
            command.add("-Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:3306/" + DATABASE
                    + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true");
        }
        if (module.equals("board-web")) {
            command.add("-Dvigie.admin.api-token=" + ADMIN_TOKEN);
        }
        command.add("-jar");
        command.add(root.resolve(module)
                .resolve("target/quarkus-app/quarkus-run.jar")
                .toString());
        command.addAll(args);
        ProcessBuilder process = new ProcessBuilder(command);
        // the secrets as operators pass them: in the environment, not on the command line
        Map<String, String> env = process.environment();
        env.put("RABBITMQ_USERNAME", brokerUser);
        env.put("RABBITMQ_PASSWORD", secret);
        if (!module.equals("check-worker")) {
            env.put("QUARKUS_DATASOURCE_USERNAME", DATABASE_USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", secret);
        }
        if (module.equals("board-web")) {
            env.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", secret + secret);
            env.put("VIGIE_NOTIFY_SECRET_KEY", aesKey(secret));
        }
        return process;
    }

    /** A 32-byte key in base64, as production's vigie.notify.secret-key, made from the run's secret. */
    static String aesKey(String secret) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where an app answers health and metrics: board-web's management interface, the others' own port. */
    String managementUrl(int httpPort, String path) {
        return "http://127.0.0.1:" + managementPorts.getOrDefault(httpPort, httpPort) + path;
    }

    /** Starts a long-running app and waits until its readiness check passes. */
    void start(String name, String module, int httpPort, String... args) throws Exception {
        start(name, module, httpPort, Map.of(), args);
    }

    /** As {@link #start(String, String, int, String...)}, with settings of its own ({@code -Dkey=value}). */
    void start(String name, String module, int httpPort, Map<String, String> properties, String... args)
            throws Exception {
        Process process = process(module, httpPort, List.of(args), properties)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile())
                .start();
        running.add(process);
        byName.put(name, process);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                name + " exited with " + process.exitValue() + "; see " + logs.resolve(name + ".log"));
                    }
                    return status(managementUrl(httpPort, "/q/health/ready")) == 200;
                });
    }

    /** The process of an app started by {@link #start}, to stop it as a service manager would. */
    Process process(String name) {
        return byName.get(name);
    }

    /** Kills an app started by {@link #start}, as {@code kill -9} does. */
    void kill(String name) throws InterruptedException {
        Process process = byName.get(name);
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** What a run-to-completion command said and how it exited. */
    record Run(int exitCode, String stdout, String stderr) {}

    /** Runs a command-mode app (the dispatcher's {@code once}) to its end. */
    Run run(String name, String module, String... args) throws Exception {
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Process process = process(module, 0, List.of(args), Map.of())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not finish within 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** An empty database for the run's board-web, as the local test user (deploy/lib.sh) makes it. */
    static void recreateDatabase() throws SQLException {
        try (java.sql.Connection db = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/", "vigie", "vigie");
                Statement sql = db.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
            sql.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (Process p : running) {
            p.destroy();
        }
        for (Process p : running) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        deleteBrokerNames();
        deleteQueues(poolQueues);
        admin("rabbitmqctl", "delete_user", brokerUser);
    }

    private static void deleteQueues(List<String> queues) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection("vigie-e2e-cleanup")) {
            for (String queue : queues) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(queue);
                }
            }
        }
    }

    /** This run's queues and exchanges go with it. */
    private void deleteBrokerNames() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection("vigie-e2e-cleanup")) {
            for (Map.Entry<String, String> name : names("check-worker").entrySet()) {
                try (Channel channel = connection.createChannel()) {
                    if (name.getKey().endsWith("exchange")) {
                        channel.exchangeDelete(name.getValue());
                    } else {
                        channel.queueDelete(name.getValue());
                    }
                }
            }
        }
    }
}
