package org.vigie.board.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Results;
import org.vigie.board.event.ServiceWentDown;
import org.vigie.board.incident.service.AutoIncidents;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Checks turning a service Down open an incident quoting the public reason, once, as the service's {@code incidents}
 * setting says: a draft the public does not see (the board's default), one published at once, or none.
 */
@QuarkusTest
class AutoIncidentTest extends AdminTest {

    static final String FULL = "connection refused by 10.0.3.7:443";
    static final String PUBLIC = "connection refused";

    @Inject
    Results results;

    @Inject
    AutoIncidents auto;

    @BeforeAll
    static void connect() {
        Awaitility.pollInSameThread();
    }

    private void send(long id, Outcome outcome) throws Exception {
        Instant at = Instant.now();
        results.publish(new CheckResult(
                UUID.randomUUID().toString(),
                id,
                outcome,
                12,
                outcome == Outcome.UP ? "Up" : FULL,
                outcome == Outcome.UP ? "Up" : PUBLIC,
                "test-worker",
                at.minusMillis(12),
                at,
                at.minusMillis(20),
                Map.of()));
    }

    private static List<Map<String, Object>> incidents() {
        return api().get("/admin/api/v1/incidents").jsonPath().getList("incidents");
    }

    @Test
    void aServiceGoneDownOpensOneDraft() throws Exception {
        long id = data.service("shop", "https://shop.example.org/");
        send(id, Outcome.DOWN);
        send(id, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> incidents().size() == 1);
        JsonPath draft = api().get("/admin/api/v1/incidents").jsonPath();
        assertThat(draft.getBoolean("incidents[0].published")).isFalse();
        assertThat(draft.getString("incidents[0].title")).isEqualTo("shop is down");
        assertThat(draft.getString("incidents[0].services[0].id")).isEqualTo("shop");
        assertThat(draft.getString("incidents[0].services[0].impact")).isEqualTo("major-outage");
        assertThat(draft.getString("incidents[0].updates[0].message"))
                .contains(PUBLIC)
                .doesNotContain("10.0.3.7");
        assertThat(given().get("/api/v1/incidents").jsonPath().getList("incidents"))
                .isEmpty();
        assertThat(given().get("/").asString()).doesNotContain("shop is down");

        // up and down again while the draft is open: no second draft
        send(id, Outcome.UP);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 2);
        send(id, Outcome.DOWN);
        send(id, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 3);
        assertThat(incidents()).hasSize(1);

        // resolved: the next Down opens a new one
        long incident = draft.getLong("incidents[0].id");
        api().contentType("application/json")
                .body("{}")
                .post("/admin/api/v1/incidents/" + incident + "/resolve")
                .then()
                .statusCode(201);
        send(id, Outcome.UP);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 4);
        send(id, Outcome.DOWN);
        send(id, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> incidents().size() == 2);
    }

    private static void setIncidents(String slug, String setting) {
        api().contentType(ContentType.JSON)
                .body(Map.of("incidents", setting))
                .post("/admin/api/v1/services/" + slug)
                .then()
                .statusCode(200)
                .body("incidents", org.hamcrest.Matchers.equalTo(setting));
    }

    @Test
    void aServiceSetToPublishOpensAnIncidentTheBoardShowsAtOnce() throws Exception {
        long id = data.service("shop", "https://shop.example.org/");
        setIncidents("shop", "publish");
        send(id, Outcome.DOWN);
        send(id, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> given().get("/api/v1/incidents")
                                .jsonPath()
                                .getList("incidents")
                                .size()
                        == 1);
        JsonPath published = given().get("/api/v1/incidents").jsonPath();
        assertThat(published.getString("incidents[0].title")).isEqualTo("shop is down");
        assertThat(published.getString("incidents[0].state")).isEqualTo("investigating");
        assertThat(published.getString("incidents[0].updates[0].message"))
                .isEqualTo("The checks say shop is down: " + PUBLIC);
        // open, so at the top of the board, on the service's page and in the status JSON
        assertThat(Jsoup.parse(given().get("/").asString())
                        .select("article.incident h3")
                        .text())
                .isEqualTo("shop is down");
        assertThat(Jsoup.parse(given().get("/services/shop").asString())
                        .select("#incidents article.incident h3")
                        .text())
                .isEqualTo("shop is down");
        assertThat(given().get("/status.json").asString()).contains("shop is down");
        assertThat(incidents()).hasSize(1);

        // down again while it is open: no second one
        send(id, Outcome.UP);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 2);
        send(id, Outcome.DOWN);
        send(id, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 3);
        assertThat(incidents()).hasSize(1);
    }

    @Test
    void aServiceSetToOffOpensNoneWhileOthersFollowTheBoardsDefault() throws Exception {
        long quiet = data.service("quiet", "https://quiet.example.org/");
        long shop = data.service("shop", "https://shop.example.org/");
        setIncidents("quiet", "off");
        send(quiet, Outcome.DOWN);
        send(quiet, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(quiet).size() == 1);
        // results are applied in order: once shop's draft is there, quiet's Down was long decided
        send(shop, Outcome.DOWN);
        send(shop, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> incidents().size() == 1);
        assertThat(incidents().get(0)).containsEntry("title", "shop is down").containsEntry("published", false);
        assertThat(data.currentStatus(quiet)).isEqualTo("down");
    }

    @Test
    void twoBoardWebsSeeingTheSameDownOpenOneIncident() throws Exception {
        long id = data.service("shop", "https://shop.example.org/");
        int boardWebs = 4;
        CyclicBarrier together = new CyclicBarrier(boardWebs);
        ExecutorService threads = Executors.newFixedThreadPool(boardWebs);
        try {
            List<Future<Optional<Long>>> opened = new java.util.ArrayList<>();
            for (int i = 0; i < boardWebs; i++) {
                opened.add(threads.submit(() -> {
                    together.await();
                    return auto.open(new ServiceWentDown(id, PUBLIC, Instant.now()));
                }));
            }
            int count = 0;
            for (Future<Optional<Long>> f : opened) {
                count += f.get().isPresent() ? 1 : 0;
            }
            assertThat(count).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(incidents()).hasSize(1);
    }
}
