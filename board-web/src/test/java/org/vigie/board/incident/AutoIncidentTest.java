package org.vigie.board.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Results;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Checks turning a service Down open a draft incident quoting the public reason, once; the public sees none. */
@QuarkusTest
class AutoIncidentTest extends AdminTest {

    static final String FULL = "connection refused by 10.0.3.7:443";
    static final String PUBLIC = "connection refused";

    @Inject
    Results results;

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
}
