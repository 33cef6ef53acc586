package org.vigie.board.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.board.AdminTest;
import org.vigie.board.service.Service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Posting and deleting events, and the current-status rule: the latest non-informational event, else the default. */
@QuarkusTest
class EventApiTest extends AdminTest {

    private static final String URL = "/admin/api/v1/services/mail/events";

    @BeforeEach
    void aServiceToPostOn() {
        data.service("mail", null);
    }

    long post(String status, String message, Instant at) {
        return api().contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\",\"message\":\"" + message + "\""
                        + (at == null ? "" : ",\"timestamp\":\"" + at + "\"") + "}")
                .post(URL)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("sid");
    }

    @Test
    void postsFromJsonAndFromAFormAndMovesTheStatus() {
        api().contentType(ContentType.JSON)
                .body("{\"status\":\"down\",\"message\":\"Mail is down\"}")
                .post(URL)
                .then()
                .statusCode(201)
                .header("Location", startsWith("/api/v1/services/mail/events/"))
                .body("status", equalTo("down"))
                .body("message", equalTo("Mail is down"))
                .body("informational", equalTo(false));
        assertThat(current()).isEqualTo("down");
        api().contentType(ContentType.URLENC)
                .formParam("status", "up")
                .formParam("message", "Fixed")
                .post(URL)
                .then()
                .statusCode(201)
                .body("status", equalTo("up"));
        assertThat(current()).isEqualTo("up");
    }

    @Test
    void aNoteKeepsTheCurrentStatus() {
        post("warning", "Slow", null);
        api().contentType(ContentType.URLENC)
                .formParam("message", "Still looking")
                .formParam("informational", "true")
                .post(URL)
                .then()
                .statusCode(201)
                .body("informational", equalTo(true))
                .body("status", equalTo("warning"));
        api().contentType(ContentType.JSON)
                .body("{\"status\":\"up\",\"message\":\"FYI\",\"informational\":true}")
                .post(URL)
                .then()
                .statusCode(201);
        assertThat(current()).isEqualTo("warning");
        assertThat(Event.count()).isEqualTo(3);
    }

    @Test
    void aBackdatedEventOlderThanTheLatestDoesNotChangeTheStatus() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post("down", "Down now", now.minusSeconds(60));
        post("maintenance", "Maintenance yesterday", now.minus(1, ChronoUnit.DAYS));
        assertThat(current()).isEqualTo("down");
        assertThat(since()).isEqualTo(now.minusSeconds(60));
    }

    @Test
    void aBackdatedEventNewerThanTheLatestDoesChangeIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        post("down", "Down an hour ago", now.minus(1, ChronoUnit.HOURS));
        post("up", "Back ten minutes ago", now.minus(10, ChronoUnit.MINUTES));
        assertThat(current()).isEqualTo("up");
        assertThat(since()).isEqualTo(now.minus(10, ChronoUnit.MINUTES));
    }

    @Test
    void deletingTheLatestEventRestoresThePreviousOneAndDeletingAllRestoresTheDefault() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long first = post("warning", "Slow", now.minusSeconds(120));
        long second = post("down", "Down", now.minusSeconds(60));
        assertThat(current()).isEqualTo("down");

        api().delete(URL + "/" + second).then().statusCode(204);
        assertThat(current()).isEqualTo("warning");
        assertThat(since()).isEqualTo(now.minusSeconds(120));

        api().delete(URL + "/" + first).then().statusCode(204);
        assertThat(current()).isNull(); // no event: the default status
        assertThat(since()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"message\":\"no status\"}                                   | status is required",
                "{\"status\":\"nope\",\"message\":\"x\"}                       | status \"nope\" does not exist",
                "{\"status\":\"down\"}                                         | message is required",
                "{\"status\":\"down\",\"message\":\"x\",\"timestamp\":\"yesterday\"} | timestamp \"yesterday\" is not a time",
                "{\"status\":\"down\",\"message\":\"x\",\"timestamp\":\"2999-01-01T00:00:00Z\"} | timestamp is in the future",
                "{\"status\":\"down\",\"message\":\"x\",\"informational\":\"perhaps\"} | informational \"perhaps\" is not true or false",
                "{\"status\":                                                  | the body is not valid JSON",
            })
    void refusesBadInputAndStoresNothing(String body, String message) {
        api().contentType(ContentType.JSON)
                .body(body)
                .post(URL)
                .then()
                .statusCode(400)
                .body("error", equalTo(true))
                .body("code", equalTo(400))
                .body("message", startsWith(message));
        assertThat(Event.count()).isZero();
        assertThat(current()).isNull();
    }

    @Test
    void unknownServicesEventsAndMissingTokens() {
        api().contentType(ContentType.JSON)
                .body("{\"status\":\"down\",\"message\":\"x\"}")
                .post("/admin/api/v1/services/nope/events")
                .then()
                .statusCode(404)
                .body("message", equalTo("no service \"nope\""));
        long id = post("down", "Down", null);
        data.service("web", null);
        api().delete("/admin/api/v1/services/web/events/" + id).then().statusCode(404); // another service's event
        api().delete(URL + "/999999999").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"status\":\"up\",\"message\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(401);
        given().delete(URL + "/" + id).then().statusCode(401);
        assertThat(Event.count()).isEqualTo(1);
        assertThat(current()).isEqualTo("down");
    }

    @Transactional
    String current() {
        Service s = Service.findBySlug("mail").orElseThrow();
        return s.status == null ? null : s.status.slug;
    }

    @Transactional
    Instant since() {
        return Service.findBySlug("mail").orElseThrow().statusSince;
    }
}
