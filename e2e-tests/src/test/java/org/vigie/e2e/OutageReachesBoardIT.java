package org.vigie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * The whole pipeline as operators run it: board-web, two workers and the dispatcher's {@code once} as separate
 * processes from their packaged jars, on the real RabbitMQ and MariaDB, probing real local targets.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageReachesBoardIT {

    private static final Duration SECONDS_NOT_MINUTES = Duration.ofSeconds(30);

    private static VigieProcesses vigie;
    private static HttpServer shopTarget;
    private static String board;
    private static int boardPort;
    private static BoardClient client;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startVigie() throws Exception {
        VigieProcesses.recreateDatabase();
        shopTarget = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shopTarget.createContext("/health", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        shopTarget.start();

        vigie = new VigieProcesses();
        boardPort = VigieProcesses.freePort();
        board = "http://127.0.0.1:" + boardPort;
        client = new BoardClient(boardPort);
        vigie.start("board-web", "board-web", boardPort);
        vigie.start("worker-1", "check-worker", VigieProcesses.freePort());
        vigie.start("worker-2", "check-worker", VigieProcesses.freePort());
    }

    @AfterAll
    static void stopVigie() throws Exception {
        if (vigie != null) {
            vigie.close();
        }
        if (shopTarget != null) {
            shopTarget.stop(0);
        }
    }

    @Test
    @Order(1) // its dispatch counts assume no other service is due
    void statusesReachTheBoardAndAnOutageTurnsAServiceDownAfterTwoChecks() throws Exception {
        int closedPort = VigieProcesses.freePort(); // nothing listens there: connection refused
        addService("{\"name\":\"Shop\",\"target\":\"http://127.0.0.1:"
                + shopTarget.getAddress().getPort() + "/health\"}");
        addService("{\"name\":\"Legacy\",\"target\":\"tcp://127.0.0.1:" + closedPort + "\"}");
        addService("{\"name\":\"Help desk\"}");

        // Cron's call: both new services are due.
        VigieProcesses.Run first = vigie.run("once-1", "check-dispatcher", "once");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("dispatched 2 checks");
        await().atMost(SECONDS_NOT_MINUTES)
                .until(() ->
                        "HTTP 200".equals(lastReason("shop")) && "connection refused".equals(lastReason("legacy")));
        assertThat(status("legacy"))
                .as("one failure does not turn a service down")
                .isEqualTo("up");

        // A second check of everything: two failures in a row turn Legacy down.
        assertThat(vigie.run("once-2", "check-dispatcher", "once", "--all").exitCode())
                .isZero();
        await().atMost(SECONDS_NOT_MINUTES).until(() -> "down".equals(status("legacy")));
        assertThat(status("shop")).isEqualTo("up");
        assertThat(status("help-desk")).isEqualTo("up");
        String page = get("/");
        assertThat(boardStatus(page, "legacy")).isEqualTo("down");
        assertThat(boardStatus(page, "shop")).isEqualTo("up");
        assertThat(page).contains("not checked"); // the help desk has no target

        // The shop's target goes away: the next check fails, the one after turns it down.
        shopTarget.stop(0);
        assertThat(vigie.run("once-3", "check-dispatcher", "once", "--all").exitCode())
                .isZero();
        await().atMost(SECONDS_NOT_MINUTES).until(() -> "connection refused".equals(lastReason("shop")));
        assertThat(status("shop")).isEqualTo("up");
        assertThat(vigie.run("once-4", "check-dispatcher", "once", "--all").exitCode())
                .isZero();
        await().atMost(SECONDS_NOT_MINUTES).until(() -> "down".equals(status("shop")));

        JsonNode events = json.readTree(get("/api/v1/services/shop/events")).get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("status").get("id").asText()).isEqualTo("down");
        assertThat(events.get(0).get("message").asText()).isEqualTo("connection refused");
        assertThat(get("/services/shop")).contains("connection refused");
        assertThat(json.readTree(get("/api/v1/services/legacy/events")).get("events"))
                .hasSize(1);
    }

    /**
     * Connection strings of the servers this machine runs, each checked by its own probe, through to the board: the
     * full reason as admins read it, the public one as the board's API gives it.
     */
    @Test
    @Order(2)
    void theMachinesOwnServersAreCheckedThroughEveryLayer() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        expected.put("redis://127.0.0.1:6379", "Redis");
        expected.put("postgres://127.0.0.1:5432", "PostgreSQL answered");
        expected.put("mysql://127.0.0.1:3306", "MySQL");
        expected.put("amqp://127.0.0.1:5672", "RabbitMQ");
        shown.put("amqp://127.0.0.1:5672", "AMQP answered"); // the broker's product and version stay with admins
        expected.put("mqtt://127.0.0.1:1883", "MQTT");
        expected.put("dns://localhost", "resolved");
        shown.put("dns://localhost", "Up"); // the addresses stay with admins
        expected.put("ping://127.0.0.1?count=1", "1/1 replies");
        expected.put("tls://127.0.0.1:" + VigieProcesses.freePort() + "?timeout=2s", "connection refused");
        int n = 0;
        for (String target : expected.keySet()) {
            addService("{\"name\":\"Local " + (++n) + "\",\"target\":\"" + target + "\"}");
        }
        VigieProcesses.Run run = vigie.run("once-servers", "check-dispatcher", "once");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        n = 0;
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String slug = "local-" + (++n);
            await().atMost(SECONDS_NOT_MINUTES).until(() -> fullReason(slug) != null);
            assertThat(fullReason(slug)).as(slug).startsWith(e.getValue());
            assertThat(lastReason(slug)).as(slug).startsWith(shown.getOrDefault(e.getKey(), e.getValue()));
        }
    }

    /** The status the board page shows for a service: the first data-status after its link. */
    private static String boardStatus(String page, String slug) {
        Matcher m = Pattern.compile("href=\"/services/" + slug + "\">[\\s\\S]*?data-status=\"([a-z-]+)\"")
                .matcher(page);
        assertThat(m.find()).as("the board lists " + slug).isTrue();
        return m.group(1);
    }

    @Test
    @Order(3)
    void thePublicPortServesTheBoardAndTheManagementPortTheRest() {
        assertThat(vigie.status(board + "/")).isEqualTo(200);
        for (String internal : new String[] {"/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/"}) {
            assertThat(vigie.status(board + internal)).as("public " + internal).isEqualTo(404);
            assertThat(vigie.status(vigie.managementUrl(boardPort, internal)))
                    .as("management " + internal)
                    .isEqualTo(200);
        }
    }

    /** The two workers' heartbeats reach board-web's fleet API: the default pool, in use, is served and healthy. */
    @Test
    @Order(4)
    void theWorkersHeartbeatsReachTheFleetPage() {
        await().atMost(SECONDS_NOT_MINUTES).until(() -> {
            JsonNode fleet = client.adminJson("/admin/api/v1/workers");
            long live = 0;
            for (JsonNode worker : fleet.get("workers")) {
                if ("live".equals(worker.get("state").asText())) {
                    live++;
                }
            }
            for (JsonNode pool : fleet.get("pools")) {
                if ("default".equals(pool.get("pool").asText())) {
                    return live == 2
                            && pool.get("liveWorkers").asInt() == 2
                            && "healthy".equals(pool.get("verdict").asText());
                }
            }
            return false;
        });
    }

    private static void addService(String body) throws Exception {
        client.addService(body);
    }

    private static String get(String path) throws IOException, InterruptedException {
        return client.get(path);
    }

    private static JsonNode service(String slug) throws IOException, InterruptedException {
        return client.getJson("/api/v1/services/" + slug);
    }

    private static String status(String slug) throws IOException, InterruptedException {
        return client.status(slug);
    }

    /** The last check's full reason, from the admin API. */
    private static String fullReason(String slug) throws IOException, InterruptedException {
        JsonNode check = client.adminJson("/admin/api/v1/services/" + slug).get("lastCheck");
        return check == null || check.isNull() ? null : check.get("reason").asText();
    }

    /** The last check's reason as the public reads it. */
    private static String lastReason(String slug) throws IOException, InterruptedException {
        JsonNode check = service(slug).get("last-check");
        return check == null || check.isNull() ? null : check.get("reason").asText();
    }
}
