package org.vigie.board.maintenance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Maintenance through the admin API and pages, and what the public reads of it: board, API, status JSON. */
@QuarkusTest
class MaintenanceApiTest extends AdminTest {

    @Test
    void wrongInputIsRefusedNamingEachField() {
        data.service("web", "https://web.example.org/");
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        refused(
                Map.of(
                        "title", "Upgrade",
                        "services", List.of("web"),
                        "start", start.toString(),
                        "end", start.plusSeconds(3600).toString(),
                        "repeat", "0 3 * *"),
                "repeat");
        refused(
                Map.of(
                        "title", "Upgrade",
                        "services", List.of("web"),
                        "start", start.toString(),
                        "end", start.plusSeconds(3600).toString(),
                        "repeat", "61 3 * * *"),
                "repeat");
        refused(
                Map.of(
                        "title", "Upgrade",
                        "services", List.of("web"),
                        "start", start.toString(),
                        "end", start.minusSeconds(60).toString()),
                "end must be after start");
        refused(
                Map.of(
                        "title", "Upgrade",
                        "services", List.of("web", "nope"),
                        "start", start.toString(),
                        "end", start.plusSeconds(60).toString()),
                "services: no service \"nope\"");
        refused(Map.of("services", List.of(), "start", "tomorrow"), "title is required");
        refused(Map.of("services", List.of(), "start", "tomorrow"), "services: name at least one service");
        refused(Map.of("services", List.of(), "start", "tomorrow"), "start \"tomorrow\" is not a time");
        refused(Map.of("services", List.of(), "start", "tomorrow"), "end is required");
        // without a token: refused
        given().contentType(ContentType.JSON)
                .body(Map.of("title", "x"))
                .post("/admin/api/v1/maintenance")
                .then()
                .statusCode(401);
        api().post("/admin/api/v1/maintenance/999999/end").then().statusCode(404);
    }

    @Test
    void aWindowIsPlannedChangedShownEndedAndDeleted() {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long id = api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Database upgrade",
                        "message",
                        "Writes pause for a few minutes.",
                        "services",
                        List.of("db"),
                        "start",
                        start.toString(),
                        "end",
                        start.plusSeconds(1800).toString(),
                        "repeat",
                        " 0  3 * * 0 "))
                .post("/admin/api/v1/maintenance")
                .then()
                .statusCode(201)
                .body("state", equalTo("scheduled"))
                .body("repeat", equalTo("0 3 * * 0"))
                .body("services", hasSize(1))
                .body("services[0].id", equalTo("db"))
                .extract()
                .jsonPath()
                .getLong("id");
        // a far cron occurrence is not upcoming; once: upcoming within the 7 days
        api().contentType(ContentType.JSON)
                .body(Map.of("repeat", "", "services", List.of("db", "web")))
                .post("/admin/api/v1/maintenance/" + id)
                .then()
                .statusCode(200)
                .body("repeat", equalTo(null))
                .body("start", equalTo(start.toString()))
                .body("services", hasSize(2));
        JsonPath visible = given().get("/api/v1/maintenance")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(visible.getList("in-progress")).isEmpty();
        assertThat(visible.getList("upcoming.id", Long.class)).containsExactly(id);
        assertThat(visible.getString("upcoming[0].title")).isEqualTo("Database upgrade");
        assertThat(visible.getString("upcoming[0].state")).isEqualTo("scheduled");
        assertThat(visible.getString("upcoming[0].end"))
                .isEqualTo(start.plusSeconds(1800).toString());
        assertThat(visible.getList("upcoming[0].services.id")).containsExactly("db", "web");
        given().get("/status.json")
                .then()
                .statusCode(200)
                .body("maintenance.upcoming", hasSize(1))
                .body("maintenance.in-progress", hasSize(0));
        // the board lists it ahead of time, in the visitor's language
        Document board = Jsoup.parse(
                given().get("/?lang=fr").then().statusCode(200).extract().asString());
        assertThat(board.select("#scheduled-maintenance").text()).isEqualTo("Maintenance programmée");
        assertThat(board.select("#maintenance-" + id + " h3").text()).isEqualTo("Database upgrade");
        assertThat(board.select("#maintenance-" + id).text()).contains("Programmée", "db, web");

        // moved to now: in progress, the services show Maintenance
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        api().contentType(ContentType.JSON)
                .body(Map.of(
                        "start", now.minusSeconds(60).toString(),
                        "end", now.plusSeconds(3600).toString()))
                .post("/admin/api/v1/maintenance/" + id)
                .then()
                .statusCode(200)
                .body("state", equalTo("in-progress"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "maintenance".equals(data.currentStatus(data.serviceId("web"))));
        given().get("/api/v1/maintenance")
                .then()
                .body("in-progress", hasSize(1))
                .body("upcoming", hasSize(0));
        given().get("/status.json")
                .then()
                .body("maintenance.in-progress[0].id", equalTo((int) id))
                .body("services.find { it.id == 'web' }.status.id", equalTo("maintenance"));
        // the feeds carry the start as the services' events
        given().get("/rss").then().statusCode(200).body(containsString("scheduled maintenance: Database upgrade"));
        Document inProgress = Jsoup.parse(given().get("/").then().extract().asString());
        assertThat(inProgress.select("#maintenance-" + id).text()).contains("In progress");
        assertThat(inProgress.select("td.current[data-status=maintenance]")).hasSize(2);

        api().post("/admin/api/v1/maintenance/" + id + "/end")
                .then()
                .statusCode(200)
                .body("state", equalTo("ended-early"));
        assertThat(data.currentStatus(data.serviceId("web"))).isNotEqualTo("maintenance");
        api().post("/admin/api/v1/maintenance/" + id + "/end").then().statusCode(409);
        given().get("/api/v1/maintenance").then().body("in-progress", hasSize(0));

        api().delete("/admin/api/v1/maintenance/" + id).then().statusCode(200);
        api().get("/admin/api/v1/maintenance/" + id).then().statusCode(404);
    }

    @Test
    void anAdminPlansChangesEndsAndDeletesMaintenanceInThePages() {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        AdminFixtures.Session session = AdminFixtures.login();
        Document blank = Jsoup.parse(session.given()
                .get("/admin/maintenance/new")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(blank.select("input[type=checkbox][name=services]")).hasSize(2);
        assertThat(blank.select("input[name=csrf-token]")).isNotEmpty();

        Document refused = Jsoup.parse(session.form()
                .formParam("title", "")
                .formParam("start", "2030-01-01T10:00")
                .formParam("end", "2030-01-01T09:00")
                .formParam("repeat", "every day")
                .post("/admin/maintenance")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        assertThat(refused.select(".field-error").eachText())
                .anyMatch(t -> t.contains("title is required"))
                .anyMatch(t -> t.contains("services: name at least one service"))
                .anyMatch(t -> t.contains("end must be after start"))
                .anyMatch(t -> t.startsWith("repeat"));

        String start = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now().minusSeconds(60));
        String end = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now().plusSeconds(3600));
        Response created = session.form()
                .formParam("title", "Router swap")
                .formParam("message", "Short cuts possible.")
                .formParam("services", "web")
                .formParam("start", start)
                .formParam("end", end)
                .formParam("repeat", "")
                .post("/admin/maintenance");
        assertThat(created.statusCode()).isEqualTo(303);
        Document list = Jsoup.parse(
                session.given().get("/admin/maintenance").then().extract().asString());
        String href = list.select("a[href^=/admin/maintenance/]").stream()
                .map(a -> a.attr("href"))
                .filter(h -> h.matches("/admin/maintenance/\\d+"))
                .findFirst()
                .orElseThrow();
        String id = href.substring("/admin/maintenance/".length());
        assertThat(list.select("#maintenance-" + id).attr("data-state")).isEqualTo("in-progress");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "maintenance".equals(data.currentStatus(data.serviceId("web"))));

        // edited: db too, its form shows what is saved
        Document edit = Jsoup.parse(
                session.given().get(href).then().statusCode(200).extract().asString());
        assertThat(edit.select("#title").val()).isEqualTo("Router swap");
        assertThat(edit.select("input[name=services][value=web]").hasAttr("checked"))
                .isTrue();
        assertThat(edit.select("#start").val()).isEqualTo(start);
        session.form()
                .formParam("title", "Router swap, both")
                .formParam("message", "Short cuts possible.")
                .formParam("services", "web")
                .formParam("services", "db")
                .formParam("start", start)
                .formParam("end", end)
                .formParam("repeat", "")
                .post(href)
                .then()
                .statusCode(303);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "maintenance".equals(data.currentStatus(data.serviceId("db"))));

        session.form().post(href + "/end").then().statusCode(303);
        assertThat(data.currentStatus(data.serviceId("web"))).isNotEqualTo("maintenance");
        assertThat(data.currentStatus(data.serviceId("db"))).isNotEqualTo("maintenance");
        Document ended = Jsoup.parse(
                session.given().get("/admin/maintenance").then().extract().asString());
        assertThat(ended.select("#maintenance-" + id).attr("data-state")).isEqualTo("ended-early");
        assertThat(ended.select("#maintenance-" + id + " td").first().text()).isEqualTo("Router swap, both");

        session.form().post(href + "/delete").then().statusCode(303);
        assertThat(Jsoup.parse(session.given()
                                .get("/admin/maintenance")
                                .then()
                                .extract()
                                .asString())
                        .select("#maintenance-" + id))
                .isEmpty();
        // without the CSRF field: refused
        given().cookies(session.cookies())
                .post("/admin/maintenance/" + id + "/delete")
                .then()
                .statusCode(403);
    }

    private static void refused(Map<String, Object> body, String says) {
        api().contentType(ContentType.JSON)
                .body(body)
                .post("/admin/api/v1/maintenance")
                .then()
                .statusCode(400)
                .body("message", containsString(says));
    }
}
