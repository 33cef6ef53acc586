package org.vigie.board.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.board.AdminTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class StatusApiTest extends AdminTest {

    private static final String URL = "/admin/api/v1/statuses";

    @Test
    void createsAStatusFromJsonAndFromAForm() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Degraded\",\"description\":\"Slow\",\"severity\":\"warning\",\"image\":\"clock\"}")
                .post(URL)
                .then()
                .statusCode(201)
                .header("Location", "/api/v1/statuses/degraded")
                .body("id", equalTo("degraded"))
                .body("severity", equalTo("WARNING"))
                .body("image", equalTo("clock"))
                .body("default", equalTo(false));
        api().contentType(ContentType.URLENC)
                .formParam("name", "Outage")
                .formParam("level", "CRITICAL")
                .post(URL)
                .then()
                .statusCode(201)
                .body("severity", equalTo("CRITICAL"))
                .body("image", equalTo("lightning"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"severity\":\"ERROR\"}                                 | name is required",
                "{\"name\":\"Bad\"}                                       | severity is required",
                "{\"name\":\"Bad\",\"severity\":\"FATAL\"}                | severity \"FATAL\" is not one of NORMAL, UNKNOWN, WARNING, ERROR, CRITICAL",
                "{\"name\":\"Bad\",\"severity\":\"ERROR\",\"image\":\"skull\"} | image \"skull\" is not a built-in icon",
                "{\"name\":\"Bad\",\"severity\":\"ERROR\",\"default\":\"maybe\"} | default \"maybe\" is not true or false",
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
        assertThat(Status.count()).isEqualTo(5); // the seeded up, warning, down, maintenance, unknown
    }

    @Test
    void aSecondDefaultClearsTheFirst() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Limbo\",\"severity\":\"NORMAL\",\"default\":true}")
                .post(URL)
                .then()
                .statusCode(201)
                .body("default", equalTo(true));
        assertThat(admin.status("up").isDefault).isFalse();
        assertThat(Status.count("isDefault", true)).isEqualTo(1);

        api().contentType(ContentType.URLENC)
                .formParam("default", "true")
                .post(URL + "/up")
                .then()
                .statusCode(200)
                .body("default", equalTo(true));
        assertThat(admin.status("limbo").isDefault).isFalse();
        assertThat(Status.count("isDefault", true)).isEqualTo(1);
    }

    @Test
    void theDefaultCannotBeUnsetOrDeleted() {
        api().contentType(ContentType.JSON)
                .body("{\"default\":false}")
                .post(URL + "/up")
                .then()
                .statusCode(400)
                .body("message", startsWith("default: one status is always the default"));
        api().delete(URL + "/up").then().statusCode(409).body("message", startsWith("status \"up\" is the default"));
        assertThat(admin.status("up").isDefault).isTrue();
    }

    @Test
    void aStatusEventsUseIsNotDeleted() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Degraded\",\"severity\":\"WARNING\"}")
                .post(URL)
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"status\":\"degraded\",\"message\":\"slow\"}")
                .post("/admin/api/v1/services/mail/events")
                .then()
                .statusCode(201);

        api().delete(URL + "/degraded")
                .then()
                .statusCode(409)
                .body("code", equalTo(409))
                .body(
                        "message",
                        equalTo("status \"degraded\" is used by 1 event; it cannot be deleted while they exist"));
        assertThat(admin.status("degraded")).isNotNull();
        api().delete(URL + "/down")
                .then()
                .statusCode(409)
                .body("message", equalTo("status \"down\" is used by the checks and cannot be deleted"));
    }

    @Test
    void theUnknownStatusCannotBeDeletedNorLoseItsSeverity() {
        api().delete(URL + "/unknown")
                .then()
                .statusCode(409)
                .body("message", equalTo("status \"unknown\" is used by the checks and cannot be deleted"));
        api().contentType(ContentType.JSON)
                .body("{\"severity\":\"NORMAL\"}")
                .put(URL + "/unknown")
                .then()
                .statusCode(400)
                .body("message", containsString("the Unknown status keeps the severity UNKNOWN"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"No news\"}")
                .put(URL + "/unknown")
                .then()
                .statusCode(200)
                .body("severity", equalTo("UNKNOWN"));
        assertThat(admin.status("unknown").severity).isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void updatesAndDeletesAnUnusedStatus() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Degraded\",\"severity\":\"WARNING\"}")
                .post(URL)
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Slow\",\"severity\":\"ERROR\",\"icon\":\"wrench\"}")
                .put(URL + "/degraded")
                .then()
                .statusCode(200)
                .body("id", equalTo("degraded"))
                .body("name", equalTo("Slow"))
                .body("severity", equalTo("ERROR"))
                .body("image", equalTo("wrench"));
        api().delete(URL + "/degraded").then().statusCode(200).body("id", equalTo("degraded"));
        assertThat(admin.status("degraded")).isNull();
    }

    @Test
    void conflictsUnknownSlugsAndMissingTokens() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Up\",\"severity\":\"NORMAL\"}")
                .post(URL)
                .then()
                .statusCode(409)
                .body("message", equalTo("a status with slug \"up\" already exists"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL + "/nope")
                .then()
                .statusCode(404)
                .body("message", equalTo("no status \"nope\""));
        api().delete(URL + "/nope").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"severity\":\"NORMAL\"}")
                .post(URL)
                .then()
                .statusCode(401);
        given().delete(URL + "/warning").then().statusCode(401);
        assertThat(Status.count()).isEqualTo(5); // the seeded up, warning, down, maintenance, unknown
    }
}
