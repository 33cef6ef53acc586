package org.vigie.board.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Incidents through the admin API, read back through the public API. */
@QuarkusTest
class IncidentApiTest extends AdminTest {

    @Test
    void anIncidentIsOpenedUpdatedAndResolved() {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        Instant started = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        long id = api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Slow checkout",
                        "impact", "major",
                        "services", Map.of("web", "partial-outage", "db", "degraded-performance"),
                        "message", "We are looking into slow pages.",
                        "timestamp", started.toString()))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/incidents/"))
                .body("state", equalTo("investigating"))
                .body("impact", equalTo("major"))
                .body("created-at", equalTo(started.toString()))
                .body("services", hasSize(2))
                .extract()
                .jsonPath()
                .getLong("id");

        api().contentType(ContentType.JSON)
                .body(Map.of("state", "identified", "message", "A database index was missing."))
                .post("/admin/api/v1/incidents/" + id + "/updates")
                .then()
                .statusCode(201)
                .body("state", equalTo("identified"))
                .body("updates", hasSize(2));
        api().contentType(ContentType.JSON)
                .body(Map.of("title", "Slow checkout pages", "services", Map.of("web", "major-outage")))
                .post("/admin/api/v1/incidents/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Slow checkout pages"))
                .body("services", hasSize(1))
                .body("services[0].impact", equalTo("major-outage"));

        JsonPath open = given().get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(open.getList("incidents.id", Long.class)).containsExactly(id);
        assertThat(open.getString("incidents[0].state")).isEqualTo("identified");
        given().get("/status.json")
                .then()
                .statusCode(200)
                .body("incidents", hasSize(1))
                .body("incidents[0].title", equalTo("Slow checkout pages"))
                .body("services", hasSize(2));

        api().contentType(ContentType.JSON)
                .body("{}")
                .post("/admin/api/v1/incidents/" + id + "/resolve")
                .then()
                .statusCode(201)
                .body("state", equalTo("resolved"))
                .body("resolved-at", org.hamcrest.Matchers.notNullValue());
        given().get("/status.json").then().body("incidents", hasSize(0));
        given().get("/api/v1/incidents/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("resolved"))
                .body("updates", hasSize(3))
                .body("updates[0].at", equalTo(started.toString()));
    }

    @Test
    void wrongInputIsRefusedNamingEachField() {
        data.service("web", "https://web.example.org/");
        api().contentType(ContentType.JSON)
                .body(Map.of(
                        "impact",
                        "apocalyptic",
                        "state",
                        "panicking",
                        "services",
                        Map.of("nope", "major-outage", "web", "meltdown"),
                        "timestamp",
                        Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(400)
                .body("message", containsString("title is required"))
                .body("message", containsString("message is required"))
                .body("message", containsString("impact \"apocalyptic\""))
                .body("message", containsString("state \"panicking\""))
                .body("message", containsString("services"))
                .body("message", containsString("timestamp is in the future"));
        long id = api().contentType(ContentType.JSON)
                .body(Map.of("title", "Outage", "message", "Down."))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .body("impact", equalTo("none"))
                .extract()
                .jsonPath()
                .getLong("id");
        api().contentType(ContentType.JSON)
                .body(Map.of("message", "More."))
                .post("/admin/api/v1/incidents/" + id + "/updates")
                .then()
                .statusCode(400)
                .body("message", containsString("state is required"));
        api().contentType(ContentType.JSON)
                .body(Map.of("title", " "))
                .post("/admin/api/v1/incidents/" + id)
                .then()
                .statusCode(400)
                .body("message", containsString("title is required"));
        api().contentType(ContentType.JSON)
                .body(Map.of("state", "resolved", "message", "x"))
                .post("/admin/api/v1/incidents/999999/updates")
                .then()
                .statusCode(404);
        // without a token: refused
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "x", "message", "y"))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(401);
    }

    @Test
    void draftsStayOffThePublicSideAndTheListIsPagedByCursor() {
        api().contentType(ContentType.JSON)
                .body(Map.of("title", "Draft", "message", "Not yet.", "published", "false"))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .body("published", equalTo(false));
        Instant t = Instant.now().minus(5, ChronoUnit.DAYS);
        for (int i = 0; i < 5; i++) {
            api().contentType(ContentType.JSON)
                    .body(Map.of(
                            "title", "Incident " + i,
                            "message", "m" + i,
                            "timestamp", t.plus(i, ChronoUnit.HOURS).toString()))
                    .post("/admin/api/v1/incidents")
                    .then()
                    .statusCode(201);
        }
        JsonPath first = given().get("/api/v1/incidents?limit=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("incidents.title")).containsExactly("Incident 4", "Incident 3");
        String next = first.getString("next");
        assertThat(next).isNotNull();
        JsonPath second = given().queryParam("limit", 2)
                .queryParam("cursor", next)
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getList("incidents.title")).containsExactly("Incident 2", "Incident 1");
        JsonPath last = given().queryParam("limit", 2)
                .queryParam("cursor", second.getString("next"))
                .get("/api/v1/incidents")
                .then()
                .statusCode(200)
                .body("next", nullValue())
                .extract()
                .jsonPath();
        assertThat(last.getList("incidents.title")).containsExactly("Incident 0");
        List<String> all = api().get("/admin/api/v1/incidents").jsonPath().getList("incidents.title");
        assertThat(all).contains("Draft");
        long draft =
                api().get("/admin/api/v1/incidents").jsonPath().getLong("incidents.find { it.title == 'Draft' }.id");
        given().get("/api/v1/incidents/" + draft).then().statusCode(404);
        given().get("/incidents/" + draft).then().statusCode(404);
        given().get("/api/v1/incidents?cursor=nonsense")
                .then()
                .statusCode(400)
                .body("message", containsString("cursor"));
        given().get("/api/v1/incidents?limit=0").then().statusCode(400).body("message", containsString("limit"));
    }
}
