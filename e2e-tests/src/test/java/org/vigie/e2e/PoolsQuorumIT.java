package org.vigie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * Two pools, each with a worker of its own, the packaged apps on the real broker and database. The target refuses
 * one pool's worker (told apart by its User-Agent, as a firewall would tell networks apart): a service for which any
 * pool is enough shows Down with the pool that said it, one decided by a majority stays Up; when that pool's worker is
 * killed, its pool falls silent and the first service turns Unknown.
 */
class PoolsQuorumIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    private static VigieProcesses vigie;
    private static HttpServer target;
    private static BoardClient board;

    @BeforeAll
    static void startVigie() throws Exception {
        VigieProcesses.recreateDatabase();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            boolean refused = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))
                    .startsWith("Vigie-lan-b");
            byte[] body = (refused ? "blocked" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refused ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();

        vigie = new VigieProcesses();
        vigie.tasksQueueOf("lan-a");
        vigie.tasksQueueOf("lan-b");
        int boardPort = VigieProcesses.freePort();
        board = new BoardClient(boardPort);
        // a pool is silent after 3 intervals of 2 s (at least 5 s), looked at every second
        vigie.start(
                "board-web",
                "board-web",
                boardPort,
                Map.of("vigie.unknown.at-least", "5s", "vigie.unknown.check-every", "1s"));
        vigie.start(
                "worker-lan-a",
                "check-worker",
                VigieProcesses.freePort(),
                Map.of("vigie.worker.pools", "lan-a", "vigie.worker.http.user-agent", "Vigie-lan-a"));
        vigie.start(
                "worker-lan-b",
                "check-worker",
                VigieProcesses.freePort(),
                Map.of("vigie.worker.pools", "lan-b", "vigie.worker.http.user-agent", "Vigie-lan-b"));
        vigie.start("dispatcher", "check-dispatcher", VigieProcesses.freePort(), "run");
    }

    @AfterAll
    static void stopVigie() throws Exception {
        if (vigie != null) {
            vigie.close();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    @Test
    void theQuorumDecidesAndASilentPoolTurnsUnknown() throws Exception {
        String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
        board.addService("{\"name\":\"Any pool\",\"target\":\"" + url
                + "\",\"interval\":2,\"pools\":[\"lan-a\",\"lan-b\"],\"quorum\":1}");
        board.addService(
                "{\"name\":\"Majority\",\"target\":\"" + url + "\",\"interval\":2,\"pools\":\"lan-a, lan-b\"}");

        await().atMost(WITHIN).until(() -> "down".equals(board.status("any-pool")));
        JsonNode event =
                board.getJson("/api/v1/services/any-pool/events").get("events").get(0);
        assertThat(event.get("message").asText()).isEqualTo("down from lan-b: HTTP 503; up from lan-a: HTTP 200");
        await().atMost(WITHIN).until(() -> "down".equals(poolSays("majority", "lan-b")));
        assertThat(board.status("majority"))
                .as("one pool of two is not a majority")
                .isEqualTo("up");
        assertThat(poolSays("majority", "lan-a")).isEqualTo("up");

        vigie.kill("worker-lan-b");

        await().atMost(WITHIN).until(() -> "unknown".equals(board.status("any-pool")));
        assertThat(board.getJson("/api/v1/services/any-pool/events")
                        .get("events")
                        .get(0)
                        .get("message")
                        .asText())
                .startsWith("no result from lan-b");
        assertThat(poolSays("any-pool", "lan-a")).isEqualTo("up");
        await().atMost(WITHIN).until(() -> "unknown".equals(poolSays("majority", "lan-b")));
        assertThat(board.status("majority")).isEqualTo("up");
        // one pool of two never made it Down (a slow first check on a loaded machine may make it Unknown for a while)
        assertThat(board.getJson("/api/v1/services/majority/events").get("events"))
                .extracting(e -> e.get("status").get("id").asText())
                .doesNotContain("down");
    }

    private static String poolSays(String slug, String pool) throws IOException, InterruptedException {
        for (JsonNode p : board.getJson("/api/v1/services/" + slug + "/pools").get("pools")) {
            if (p.get("pool").asText().equals(pool)) {
                return p.get("says").asText();
            }
        }
        return null;
    }
}
