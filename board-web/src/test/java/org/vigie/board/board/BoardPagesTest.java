package org.vigie.board.board;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** The board page, the service page and the read API, against the real database. */
@QuarkusTest
class BoardPagesTest {

    @Inject
    TestData data;

    @Inject
    ResultStore store;

    @BeforeEach
    void clean() {
        data.clear();
    }

    @Test
    void theBoardShowsEachServiceWithItsStatusLastCheckAndLatency() {
        long up = data.service("web", "http://127.0.0.1:9/");
        long down = data.service("db", "tcp://127.0.0.1:9");
        data.service("phones", null);
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        store.store(List.of(TestData.result(up, Outcome.UP, "HTTP 200", t),
                TestData.result(down, Outcome.DOWN, "connection refused", t),
                TestData.result(down, Outcome.DOWN, "connection refused", t.plusSeconds(1))));

        String page = given().when().get("/").then().statusCode(200).contentType(ContentType.HTML).extract().asString();
        assertThat(page).contains("<a href=\"/services/web\">web</a>", "<a href=\"/services/db\">db</a>", "phones");
        assertThat(page).contains("data-status=\"down\"", "data-status=\"up\"");
        assertThat(page).contains("2026-11-25 10:00:01 UTC", "12 ms", "not checked");
        assertThat(page).doesNotContain("127.0.0.1"); // targets are for admins only

        given().when().get("/api/v1/services").then().statusCode(200)
                .body("services.find { it.id == 'db' }.status.id", equalTo("down"))
                .body("services.find { it.id == 'db' }.last-check.reason", equalTo("connection refused"))
                .body("services.find { it.id == 'web' }.status.id", equalTo("up"))
                .body("services.find { it.id == 'web' }.last-check.latency-ms", equalTo(12))
                .body("services.find { it.id == 'phones' }.last-check", equalTo(null))
                .body(not(containsString("127.0.0.1")));
    }

    @Test
    void theServicePageListsItsEventsNewestFirst() {
        long id = data.service("queue", "tcp://127.0.0.1:5672");
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        store.store(List.of(TestData.result(id, Outcome.DOWN, "connection refused", t),
                TestData.result(id, Outcome.DOWN, "connection refused", t.plusSeconds(60))));
        store.store(List.of(TestData.result(id, Outcome.UP, "connected", t.plusSeconds(120))));

        String page = given().when().get("/services/queue").then().statusCode(200).extract().asString();
        assertThat(page.indexOf("connected")).isLessThan(page.indexOf("connection refused"));
        assertThat(page).contains("2026-11-25 10:01:00 UTC", "2026-11-25 10:02:00 UTC");

        given().when().get("/api/v1/services/queue/events").then().statusCode(200)
                .body("events.status.id", equalTo(List.of("up", "down")))
                .body("events[1].message", equalTo("connection refused"));
    }

    @Test
    void aServiceWithoutEventsIsAllGood() {
        data.service("calm", null);
        given().when().get("/services/calm").then().statusCode(200).body(containsString("All good"));
    }

    @Test
    void unknownSlugsAre404() {
        given().when().get("/services/nope").then().statusCode(404).contentType(ContentType.HTML)
                .body(containsString("No service is called"));
        given().when().get("/api/v1/services/nope").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", equalTo(true)).body("code", equalTo(404))
                .body("message", equalTo("no service with slug \"nope\""));
    }

    @Test
    void textFromAdminsAndTargetsIsEscaped() {
        given().auth().oauth2("test-token").contentType(ContentType.JSON)
                .body("{\"name\":\"<script>alert(1)</script>\",\"slug\":\"xss\",\"description\":\"<img src=x onerror=alert(2)>\"}")
                .post("/admin/api/v1/services").then().statusCode(201);
        long id = data.serviceId("xss");
        store.store(List.of(TestData.result(id, Outcome.WARNING, "<script>alert(3)</script>", Instant.now())));
        for (String url : List.of("/", "/services/xss")) {
            String page = given().get(url).then().statusCode(200).extract().asString();
            assertThat(page).doesNotContain("<script>", "<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        }
        assertThat(given().get("/services/xss").asString()).contains("&lt;script&gt;alert(3)&lt;/script&gt;");
    }
}
