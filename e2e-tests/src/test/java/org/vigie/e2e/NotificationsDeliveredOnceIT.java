package org.vigie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Notifications as operators run Vigie: two board-webs on one database and broker, a worker, the dispatcher's
 * {@code once}, from their packaged jars. A target the test turns up, down and up again; a receiver that answers every
 * notification HTTP 500 twice before taking it. Each channel gets exactly one Down and one Up (two webhooks, told
 * apart by their delivery ids, and a Slack channel, whose payload shape is checked), whichever board-web stored the
 * results or delivered, and the delivery log shows the two retries of each.
 */
class NotificationsDeliveredOnceIT {

    private static final Duration SECONDS_NOT_MINUTES = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static VigieProcesses vigie;
    private static HttpServer target;
    private static HttpServer receiver;
    private static BoardClient board1;
    private static int board2Port;
    private static final AtomicBoolean targetUp = new AtomicBoolean(true);
    private static final AtomicInteger targetHits = new AtomicInteger();

    /** What reached the receiver: every request, and the accepted ones. */
    record Received(String path, String delivery, String event, String body) {}

    private static final List<Received> tries = new CopyOnWriteArrayList<>();
    private static final List<Received> accepted = new CopyOnWriteArrayList<>();
    /** Requests per notification (the delivery id, or the body for chats, which carry no id). */
    private static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        VigieProcesses.recreateDatabase();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            targetHits.incrementAndGet();
            answer(exchange, targetUp.get() ? 200 : 503);
        });
        target.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", NotificationsDeliveredOnceIT::receive);
        receiver.start();

        vigie = new VigieProcesses();
        Map<String, String> settings = Map.of(
                "vigie.notify.base-delay", "1s",
                "vigie.notify.max-delay", "2s",
                "vigie.board.public-url", "https://status.example.org");
        int board1Port = VigieProcesses.freePort();
        board2Port = VigieProcesses.freePort();
        board1 = new BoardClient(board1Port);
        vigie.start("board-web-1", "board-web", board1Port, settings);
        vigie.start("board-web-2", "board-web", board2Port, settings);
        vigie.start("worker", "check-worker", VigieProcesses.freePort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (vigie != null) {
            vigie.close();
        }
        if (target != null) {
            target.stop(0);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static void receive(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        String delivery = exchange.getRequestHeaders().getFirst("X-Vigie-Delivery");
        Received r = new Received(path, delivery, exchange.getRequestHeaders().getFirst("X-Vigie-Event"), body);
        tries.add(r);
        int n = attempts.computeIfAbsent(path + " " + (delivery != null ? delivery : body), k -> new AtomicInteger())
                .incrementAndGet();
        if (n <= 2) {
            answer(exchange, 500);
        } else {
            accepted.add(r);
            answer(exchange, 200);
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String hook(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** Adds a channel through the second board-web's admin API. */
    private static void channel(String name, String kind, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + board2Port + "/admin/api/v1/notification-channels"))
                                .header("Authorization", "Bearer " + VigieProcesses.ADMIN_TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                                        "name",
                                        name,
                                        "kind",
                                        kind,
                                        "url",
                                        hook(path),
                                        "events",
                                        List.of("down", "up")))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** One dispatch of every service, waited for until the target saw its check. */
    private static void checkOnce(String name) throws Exception {
        int before = targetHits.get();
        VigieProcesses.Run run = vigie.run(name, "check-dispatcher", "once", "--all");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        await().atMost(SECONDS_NOT_MINUTES).until(() -> targetHits.get() > before);
    }

    @Test
    void eachChannelGetsOneDownAndOneUpThroughRetriesAndTwoBoardWebs() throws Exception {
        board1.addService("{\"name\":\"Shop\",\"target\":\"http://127.0.0.1:"
                + target.getAddress().getPort() + "/health\"}");
        channel("ops a", "webhook", "/a");
        channel("ops b", "webhook", "/b");
        channel("ops chat", "slack", "/slack");

        checkOnce("once-up");
        await().atMost(SECONDS_NOT_MINUTES)
                .until(() -> board1.getJson("/api/v1/services/shop")
                        .path("last-check")
                        .isObject());
        targetUp.set(false);
        checkOnce("once-down-1");
        checkOnce("once-down-2");
        await().atMost(SECONDS_NOT_MINUTES).until(() -> "down".equals(board1.status("shop")));
        targetUp.set(true);
        checkOnce("once-up-again");
        await().atMost(SECONDS_NOT_MINUTES).until(() -> "up".equals(board1.status("shop")));

        // all six taken, each on its third try; and nothing more comes
        await().atMost(SECONDS_NOT_MINUTES).until(() -> accepted.size() >= 6);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 6);
        assertThat(tries).hasSize(18);
        assertThat(attempts.values())
                .hasSize(6)
                .allSatisfy(n -> assertThat(n.get()).isEqualTo(3));

        for (String path : List.of("/a", "/b")) {
            List<Received> got =
                    accepted.stream().filter(r -> r.path.equals(path)).toList();
            assertThat(got).as(path).hasSize(2);
            assertThat(got.stream().map(Received::delivery).distinct()).as(path).hasSize(2);
            assertThat(got.stream().map(Received::event)).as(path).containsExactlyInAnyOrder("down", "up");
            for (Received r : got) {
                JsonNode body = JSON.readTree(r.body);
                assertThat(body.path("kind").asText()).isEqualTo(r.event);
                assertThat(body.path("id").asText()).isEqualTo(r.delivery);
                assertThat(body.path("title").asText())
                        .startsWith(r.event.equals("down") ? "Shop is down" : "Shop is back up after ");
            }
            assertThat(tries.stream()
                            .filter(r -> r.path.equals(path))
                            .map(Received::delivery)
                            .distinct())
                    .as("every retry carries its notification's id")
                    .hasSize(2);
        }
        // the two webhook channels' notifications are distinct rows: four ids in all
        assertThat(accepted.stream()
                        .filter(r -> r.delivery != null)
                        .map(Received::delivery)
                        .distinct())
                .hasSize(4);

        List<JsonNode> chat = accepted.stream()
                .filter(r -> r.path.equals("/slack"))
                .map(r -> {
                    try {
                        return JSON.readTree(r.body);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(chat).hasSize(2);
        assertThat(chat.stream().map(c -> c.path("text").asText()))
                .anyMatch(t -> t.equals("Shop is down"))
                .anyMatch(t -> t.startsWith("Shop is back up after "));
        JsonNode down = chat.stream()
                .filter(c -> c.path("text").asText().equals("Shop is down"))
                .findFirst()
                .orElseThrow();
        assertThat(down.path("text").asText()).isEqualTo("Shop is down");
        assertThat(down.path("blocks")).hasSize(1);
        assertThat(down.path("blocks").get(0).path("type").asText()).isEqualTo("section");
        assertThat(down.path("blocks").get(0).path("text").path("type").asText())
                .isEqualTo("mrkdwn");
        assertThat(down.path("blocks").get(0).path("text").path("text").asText())
                .startsWith("*Shop is down*\nHTTP 503")
                .endsWith("<https://status.example.org/services/shop|https://status.example.org/services/shop>");

        // the delivery log, from either board-web: six sent, each after two retries
        JsonNode log = board1.adminJson("/admin/api/v1/notifications").path("notifications");
        assertThat(log).hasSize(6);
        for (JsonNode n : log) {
            assertThat(n.path("state").asText()).isEqualTo("sent");
            assertThat(n.path("attempts").asInt()).isEqualTo(3);
            assertThat(n.path("tries").findValuesAsText("outcome")).containsExactly("retrying", "retrying", "sent");
            assertThat(n.path("tries").findValues("status"))
                    .extracting(JsonNode::asInt)
                    .containsExactly(500, 500, 200);
        }
    }
}
