package org.vigie.board.fleet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Broker;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.fleet.service.FleetService;
import org.vigie.board.pool.service.PoolLiveness;
import org.vigie.check.WorkerHeartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The fleet page from heartbeats published onto the real broker, as workers publish them: each pool's verdict, the
 * admin page, the JSON API and the gauges.
 */
@QuarkusTest
@TestProfile(FleetTest.PoolsUnknownWithoutWorker.class)
class FleetTest extends AdminTest {

    /** As in production: a pool no worker serves is Unknown at once (the other tests publish results without any). */
    public static class PoolsUnknownWithoutWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigie.fleet.unknown-without-worker", "true");
        }
    }

    private static final String SCRIPT_ID = "<script>alert('w')</script>";

    @Inject
    FleetService fleet;

    @Inject
    DataSource dataSource;

    @Inject
    PoolLiveness liveness;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "vigie.rabbitmq.workers-exchange")
    String workersExchange;

    @ConfigProperty(name = "vigie.rabbitmq.tasks-queue")
    String tasksQueue;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private final List<String> declaredQueues = new ArrayList<>();

    @AfterEach
    void deleteQueues() throws Exception {
        try (Broker broker = new Broker()) {
            for (String queue : declaredQueues) {
                broker.channel().queueDelete(queue);
            }
        }
    }

    @Test
    void eachPoolGetsItsVerdictFromItsWorkersHeartbeats() throws Exception {
        service("shop", "main"); // a pool of this test's own: other tests' workers serve the default one
        service("eu-shop", "eu-west"); // in use, nobody serves it
        service("asia-shop", "asia");
        service("busy-shop", "busy");
        service("stopping-shop", "stopping");
        queue(tasksQueue + ".main", 3); // the pool's queue: 3 tasks wait
        String busyQueue = tasksQueue + ".busy";
        queue(busyQueue, 1);
        List<WorkerHeartbeat> beats = List.of(
                beat("w-main", List.of("main"), 2, 10, 100, false),
                beat("w-main-2", List.of("main", "spare"), 0, 10, 0, false),
                beat("w-asia", List.of("asia"), 1, 10, 40_000, false),
                beat("w-spare", List.of("spare"), 0, 10, 0, false),
                beat("w-busy", List.of("busy"), 4, 4, 900, false),
                beat("w-stopping", List.of("stopping"), 1, 10, 0, true));

        JsonNode view = awaitView(beats, v -> pool(v, "stopping") != null && pool(v, "busy") != null);
        // the busy pool's queue grows while its only worker is at capacity
        publishTo(busyQueue, 1);
        view = awaitView(
                beats, v -> "behind".equals(pool(v, "busy").path("state").asText()));

        JsonNode mainPool = pool(view, "main");
        assertThat(mainPool.path("verdict").asText()).isEqualTo("healthy");
        assertThat(mainPool.path("liveWorkers").asInt()).isEqualTo(2);
        // the worker serving two pools shares its capacity between them, as its prefetch is
        assertThat(mainPool.path("capacity").asInt()).isEqualTo(15);
        assertThat(mainPool.path("inFlight").asInt()).isEqualTo(2);
        assertThat(mainPool.path("queueDepth").asLong()).isEqualTo(3);
        assertThat(pool(view, "eu-west").path("verdict").asText()).isEqualTo("no worker");
        assertThat(pool(view, "eu-west").path("queueDeclared").asBoolean()).isFalse();
        assertThat(pool(view, "asia").path("verdict").asText()).isEqualTo("falling behind: oldest task 40 s");
        assertThat(pool(view, "spare").path("verdict").asText()).isEqualTo("not used");
        assertThat(pool(view, "busy").path("verdict").asText())
                .isEqualTo("falling behind: 2 tasks waiting, every worker at capacity");
        // a draining worker takes no task: its pool has no worker
        assertThat(pool(view, "stopping").path("verdict").asText()).isEqualTo("no worker");
        assertThat(worker(view, "w-stopping").path("state").asText()).isEqualTo("draining");

        // what the status logic reads
        assertThat(fleet.hasLiveWorker("main")).isTrue();
        assertThat(fleet.hasLiveWorker("eu-west")).isFalse();
        assertThat(fleet.poolsWithoutLiveWorker()).containsExactlyInAnyOrder("eu-west", "stopping");
        await().atMost(Duration.ofSeconds(20)).until(fleet::hasHeardLongEnough);
        // the pools' verdicts: a pool whose only worker drains is still heard from; one never served is not
        assertThat(liveness.hasNoLiveWorker("eu-west")).isTrue();
        assertThat(liveness.hasNoLiveWorker("stopping")).isFalse();
        assertThat(liveness.hasNoLiveWorker("main")).isFalse();
    }

    @Test
    void aHeartbeatThatCannotBeReadIsDroppedAndCountedAndTheNextOnesAreStillHeard() throws Exception {
        double before = metric("vigie_fleet_heartbeats_dropped_total");
        try (Broker broker = new Broker()) {
            declareExchange(broker);
            broker.publish(workersExchange, "", "application/json", "not json");
            broker.publish(workersExchange, "", "application/json", "{\"workerId\":\"w-no-times\"}");
        }
        awaitView(List.of(beat("w-after", List.of("default"), 0, 10, 0, false)), v -> worker(v, "w-after") != null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("vigie_fleet_heartbeats_dropped_total") >= before + 2);
    }

    @Test
    void theAdminPageListsPoolsAndWorkersEscapingWhatWorkersSay() throws Exception {
        service("shop", "default");
        awaitView(List.of(beat(SCRIPT_ID, List.of("default"), 1, 10, 0, false)), v -> worker(v, SCRIPT_ID) != null);

        given().redirects().follow(false).get("/admin/workers").then().statusCode(302);
        String html = AdminFixtures.login()
                .given()
                .get("/admin/workers")
                .then()
                .statusCode(200)
                .body(not(containsString("<script>alert")))
                .body(containsString("&lt;script&gt;alert"))
                .extract()
                .asString();
        Document page = Jsoup.parse(html);
        assertThat(page.select("nav a[href=/admin/workers]")).hasSize(1);
        assertThat(page.select("#pool-default").text()).contains("healthy");
        assertThat(page.select("#workers code").eachText()).contains(SCRIPT_ID);
    }

    @Test
    void theJsonApiNeedsAToken() throws Exception {
        given().get("/admin/api/v1/workers").then().statusCode(401);
        awaitView(List.of(beat("w-api", List.of("default"), 0, 10, 0, false)), v -> worker(v, "w-api") != null);
        JsonNode view = json.readTree(api().get("/admin/api/v1/workers")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        JsonNode worker = worker(view, "w-api");
        assertThat(worker.path("state").asText()).isEqualTo("live");
        assertThat(worker.path("capacity").asInt()).isEqualTo(10);
        assertThat(worker.path("pools").toString()).isEqualTo("[\"default\"]");
        assertThat(view.has("heardLongEnough")).isTrue();
    }

    @Test
    void theGaugesAreOnTheManagementInterface() throws Exception {
        service("shop", "default");
        service("eu-shop", "eu-west");
        awaitView(List.of(beat("w-gauge", List.of("default"), 3, 10, 2_500, false)), v -> worker(v, "w-gauge") != null);
        String metrics = given().baseUri(managementBase())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .contains("vigie_pool_live_workers{pool=\"default\"}")
                .contains("vigie_pool_live_workers{pool=\"eu-west\"} 0.0")
                .contains("vigie_pool_queue_depth{pool=\"eu-west\"} 0.0")
                .contains("vigie_pool_oldest_wait_seconds{pool=\"default\"}")
                .contains("vigie_worker_in_flight{worker=\"w-gauge\"} 3.0");
        assertThat(metric("vigie_pool_live_workers{pool=\"default\"}")).isGreaterThanOrEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------------------

    private JsonNode awaitView(List<WorkerHeartbeat> beats, java.util.function.Predicate<JsonNode> until)
            throws Exception {
        try (Broker broker = new Broker()) {
            declareExchange(broker);
            return await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> {
                                // heartbeats are transient and this board-web's queue may not be bound yet: again
                                for (WorkerHeartbeat beat : beats) {
                                    broker.publish(
                                            workersExchange,
                                            "",
                                            "application/json",
                                            json.writeValueAsString(refreshed(beat)));
                                }
                                return json.readTree(api().get("/admin/api/v1/workers")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .asString());
                            },
                            until::test);
        }
    }

    private void declareExchange(Broker broker) throws Exception {
        broker.channel().exchangeDeclare(workersExchange, "fanout", true);
    }

    private static WorkerHeartbeat beat(
            String id, List<String> pools, int inFlight, int capacity, long oldestWaitMillis, boolean draining) {
        Instant now = Instant.now();
        return new WorkerHeartbeat(
                id,
                "host-1",
                pools,
                "0.1.0",
                now.minusSeconds(60),
                now,
                inFlight,
                capacity,
                10,
                1,
                50,
                oldestWaitMillis,
                draining);
    }

    private static WorkerHeartbeat refreshed(WorkerHeartbeat b) {
        return new WorkerHeartbeat(
                b.workerId(),
                b.host(),
                b.pools(),
                b.version(),
                b.startedAt(),
                Instant.now(),
                b.inFlight(),
                b.capacity(),
                b.checksDone(),
                b.checksFailed(),
                b.meanProbeMillis(),
                b.oldestWaitMillis(),
                b.draining());
    }

    private static JsonNode pool(JsonNode view, String pool) {
        for (JsonNode p : view.path("pools")) {
            if (pool.equals(p.path("pool").asText())) {
                return p;
            }
        }
        return null;
    }

    private static JsonNode worker(JsonNode view, String id) {
        for (JsonNode w : view.path("workers")) {
            if (id.equals(w.path("workerId").asText())) {
                return w;
            }
        }
        return null;
    }

    /** A checked service whose tasks go to {@code pools}. */
    private void service(String slug, String pools) throws Exception {
        long id = data.service(slug, "http://127.0.0.1:9/" + slug);
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE services SET pools = ? WHERE id = ?")) {
            update.setString(1, pools);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** A queue of this test's own under a pool queue's name, with {@code messages} in it. */
    private void queue(String name, int messages) throws Exception {
        try (Broker broker = new Broker()) {
            broker.channel().queueDelete(name);
            broker.channel().queueDeclare(name, false, false, false, Map.of());
        }
        declaredQueues.add(name);
        publishTo(name, messages);
    }

    private static void publishTo(String queue, int messages) throws Exception {
        try (Broker broker = new Broker()) {
            for (int i = 0; i < messages; i++) {
                broker.publish("", queue, "application/json", "{}");
            }
        }
    }

    private double metric(String line) {
        String metrics = given().baseUri(managementBase())
                .get("/q/metrics")
                .then()
                .extract()
                .asString();
        for (String l : metrics.split("\n")) {
            if (l.startsWith(line + " ")) {
                return Double.parseDouble(l.substring(line.length() + 1).trim());
            }
        }
        return 0;
    }

    private String managementBase() {
        return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
    }
}
