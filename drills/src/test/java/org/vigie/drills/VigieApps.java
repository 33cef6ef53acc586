package org.vigie.drills;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Vigie's three apps from their packaged jars, as separate processes pointed at the drills' own servers through
 * environment variables only (the defaults name the queues: the broker is the drills' alone).
 */
final class VigieApps implements AutoCloseable {

    static final String ADMIN_TOKEN = "drill-token";

    /**
     * One running app: its process, its HTTP port, the port of its health and metrics (board-web's management
     * interface; the HTTP port of the others) and its log.
     */
    record App(String name, String module, Process process, int port, int managementPort, Path log) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        String managementUrl(String path) {
            return "http://127.0.0.1:" + managementPort + path;
        }

        long pid() {
            return process.pid();
        }
    }

    private final Path root =
            Path.of(System.getProperty("vigie.root", "..")).toAbsolutePath().normalize();
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final DrillServers servers;
    private final Path logs;
    private final List<App> running = new CopyOnWriteArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Extra environment for every app started from now on (a drill's reconnect budget, say). */
    final Map<String, String> extraEnv = new LinkedHashMap<>();
    /**
     * The broker of the apps started from now on as {@code rabbitmq-addresses} (a cluster's nodes); null: the drill
     * servers' own node.
     */
    volatile String brokerAddresses;

    VigieApps(DrillServers servers, Path logs) {
        this.servers = servers;
        this.logs = logs;
    }

    private ProcessBuilder builder(
            String module, int port, int managementPort, Map<String, String> env, List<String> args) {
        List<String> command =
                new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.add("-jar");
        command.add(root.resolve(module)
                .resolve("target/quarkus-app/quarkus-run.jar")
                .toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.put("RABBITMQ_HOST", "127.0.0.1");
        e.put("RABBITMQ_PORT", Integer.toString(servers.amqpPort));
        if (brokerAddresses != null) {
            e.put("RABBITMQ_ADDRESSES", brokerAddresses); // replaces host and port, for every connection of the app
        }
        e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // the prod profile refuses the well-known passwords: the drill servers' user made for this run
        e.put("RABBITMQ_USERNAME", DrillServers.APP_USER);
        e.put("RABBITMQ_PASSWORD", servers.appPassword);
        if (!module.equals("check-worker")) {
            e.put(
                    "QUARKUS_DATASOURCE_JDBC_URL",
                    servers.jdbcUrl()
                            + (module.equals("board-web")
                                    ? "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
                                    : "?rewriteBatchedStatements=true&connectTimeout=5000"));
            e.put("QUARKUS_DATASOURCE_USERNAME", DrillServers.APP_USER);
            e.put("QUARKUS_DATASOURCE_PASSWORD", servers.appPassword);
        }
        if (module.equals("board-web")) {
            e.put("VIGIE_ADMIN_API_TOKEN", ADMIN_TOKEN);
            e.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", servers.appPassword + servers.appPassword);
            e.put("VIGIE_NOTIFY_SECRET_KEY", aesKey(servers.appPassword));
            e.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        }
        extraEnv.forEach((k, v) -> {
            if (appliesTo(k, module)) {
                e.put(k, v);
            }
        });
        e.putAll(env);
        return pb;
    }

    /**
     * Each app gets only the settings of its own channels (the dispatcher refuses what it does not know). Keys are
     * property names used as environment variable names ({@code mp.messaging.incoming.check-tasks.reconnect-attempts}):
     * the upper-case form (MP_MESSAGING_INCOMING_CHECK_TASKS_RECONNECT_ATTEMPTS) is ambiguous for a channel whose
     * name has a dash and whose key is not in the app's application.properties; the worker then fails to start with
     * "SRMSG00071 ... the `connector` attribute must be set for channel `check`".
     */
    private static boolean appliesTo(String key, String module) {
        return switch (module) {
            case "board-web" ->
                key.contains(".incoming.check-results.") || key.contains(".outgoing.result-dead-letters.");
            case "check-worker" -> key.contains(".incoming.check-tasks.") || key.contains(".outgoing.check-results.");
            case "check-dispatcher" -> key.contains(".outgoing.tasks.");
            default -> false;
        };
    }

    /** Starts a long-running app and waits until its readiness check passes. */
    App start(String name, String module, Map<String, String> env, String... args) throws Exception {
        int port = DrillServers.freePort();
        int managementPort = module.equals("board-web") ? DrillServers.freePort() : port;
        Path log = logs.resolve(name + ".log");
        Process process = builder(module, port, managementPort, env, List.of(args))
                .redirectErrorStream(true)
                // a new log: names are unique within a run, and the drills read some logs (an earlier run's would
                // count)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        App app = new App(name, module, process, port, managementPort, log);
        running.add(app);
        await(name + " ready")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
                    }
                    return status(app.managementUrl("/q/health/ready")) == 200;
                });
        return app;
    }

    App start(String name, String module, String... args) throws Exception {
        return start(name, module, Map.of(), args);
    }

    /** Starts the dispatcher's {@code once} (cron's call) without waiting for it. */
    App startOnce(String name) throws Exception {
        Path log = logs.resolve(name + ".log");
        Process process = builder("check-dispatcher", 0, 0, Map.of(), List.of("once"))
                .redirectErrorStream(true)
                // a new log: names are unique within a run, and the drills read some logs (an earlier run's would
                // count)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        App app = new App(name, "check-dispatcher", process, 0, 0, log);
        running.add(app);
        return app;
    }

    /** SIGKILL: no shutdown hook, no acknowledgement, no goodbye. */
    void kill(App app) throws InterruptedException {
        app.process().destroyForcibly();
        app.process().waitFor(30, TimeUnit.SECONDS);
        running.remove(app);
    }

    /** SIGTERM and a graceful shutdown. */
    void stop(App app) throws InterruptedException {
        app.process().destroy();
        if (!app.process().waitFor(30, TimeUnit.SECONDS)) {
            app.process().destroyForcibly();
            app.process().waitFor(10, TimeUnit.SECONDS);
        }
        running.remove(app);
    }

    List<App> running() {
        return List.copyOf(running);
    }

    List<App> running(String module) {
        return running.stream()
                .filter(a -> a.module().equals(module) && a.port() > 0)
                .toList();
    }

    int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
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

    String get(String url) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return "-1 " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "-1 interrupted";
        }
    }

    String readLog(App app) {
        try {
            return Files.readString(app.log());
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops every app still running (graceful first, then SIGKILL). */
    @Override
    public void close() throws InterruptedException {
        for (App a : running) {
            a.process().destroy();
        }
        for (App a : running) {
            if (!a.process().waitFor(20, TimeUnit.SECONDS)) {
                a.process().destroyForcibly();
            }
        }
        running.clear();
    }

    /** A 32-byte key in base64, as production's vigie.notify.secret-key, made from the run's password. */
    static String aesKey(String secret) {
        try {
            return Base64.getEncoder()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
