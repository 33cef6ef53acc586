package org.vigie.board.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Incidents through the admin pages: opened, updated, edited, resolved; wrong fields named; CSRF required. */
@QuarkusTest
class IncidentAdminPagesTest extends AdminTest {

    @Test
    void anAdminOpensUpdatesAndResolvesAnIncidentInThePages() {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        AdminFixtures.Session session = AdminFixtures.login();
        Document blank = Jsoup.parse(session.given()
                .get("/admin/incidents/new")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(blank.select("select[name=services]")).hasSize(2);
        assertThat(blank.select("input[name=csrf-token]")).isNotEmpty();

        // a missing title and message: the form again, each field named beside it
        Document refused = Jsoup.parse(session.form()
                .formParam("title", "")
                .formParam("impact", "major")
                .formParam("message", "")
                .formParam("state", "investigating")
                .post("/admin/incidents")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        assertThat(refused.select(".field-error").eachText())
                .anyMatch(t -> t.contains("title is required"))
                .anyMatch(t -> t.contains("message is required"));

        Response created = session.form()
                .formParam("title", "Database failover")
                .formParam("impact", "critical")
                .formParam("published", "on")
                .formParam("services", "db=major-outage")
                .formParam("services", "")
                .formParam("state", "investigating")
                .formParam("message", "The primary is down.")
                .post("/admin/incidents");
        assertThat(created.statusCode()).isEqualTo(303);
        String location = created.getHeader("Location");
        assertThat(location).contains("/admin/incidents/");
        String path = location.substring(location.indexOf("/admin/incidents/")).replaceAll("\\?.*", "");
        String id = path.substring("/admin/incidents/".length());

        session.form()
                .formParam("state", "monitoring")
                .formParam("message", "Failed over to the replica.")
                .post(path + "/updates")
                .then()
                .statusCode(303);
        session.form()
                .formParam("state", "")
                .formParam("message", "x")
                .post(path + "/updates")
                .then()
                .statusCode(400)
                .body(containsString("state is required"));
        // edited: web affected too
        session.form()
                .formParam("title", "Database failover")
                .formParam("impact", "major")
                .formParam("published", "on")
                .formParam("services", "db=major-outage")
                .formParam("services", "web=degraded-performance")
                .post(path)
                .then()
                .statusCode(303);

        Document admin = Jsoup.parse(
                session.given().get(path).then().statusCode(200).extract().asString());
        assertThat(admin.select("#timeline li")).hasSize(2);
        assertThat(admin.select("#state-now").text()).isEqualTo("monitoring");
        assertThat(admin.select("select[name=services] option[selected]").eachAttr("value"))
                .containsExactlyInAnyOrder("web=degraded-performance", "db=major-outage");

        Document board = Jsoup.parse(given().get("/").asString());
        assertThat(board.select("section.incidents.ongoing article#incident-" + id)
                        .text())
                .contains("Database failover", "Monitoring", "Failed over to the replica.");

        session.form()
                .formParam("state", "resolved")
                .formParam("message", "All good.")
                .post(path + "/updates")
                .then()
                .statusCode(303);
        assertThat(Jsoup.parse(given().get("/").asString()).select("section.incidents.ongoing"))
                .isEmpty();
        assertThat(Jsoup.parse(session.given().get("/admin/incidents").asString())
                        .select("#incident-" + id)
                        .text())
                .contains("Database failover", "resolved");

        // without the CSRF field: refused, nothing changes
        session.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("state", "investigating")
                .formParam("message", "forged")
                .post(path + "/updates")
                .then()
                .statusCode(403);
        assertThat(given().get("/api/v1/incidents/" + id).jsonPath().getString("state"))
                .isEqualTo("resolved");

        session.form().post(path + "/delete").then().statusCode(303);
        given().get("/incidents/" + id).then().statusCode(404);
    }

    @Test
    void aDraftIsForAdminsOnly() {
        AdminFixtures.Session session = AdminFixtures.login();
        Response created = session.form()
                .formParam("title", "Draft incident")
                .formParam("impact", "minor")
                .formParam("state", "investigating")
                .formParam("message", "Not sure yet.")
                .post("/admin/incidents");
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(session.given().get("/admin/incidents").asString()).contains("Draft incident", "draft");
        assertThat(given().get("/").asString()).doesNotContain("Draft incident");
        assertThat(given().get("/incidents").asString()).doesNotContain("Draft incident");
        assertThat(given().get("/api/v1/incidents").asString()).doesNotContain("Draft incident");
        assertThat(given().get("/rss").asString()).doesNotContain("Draft incident");
    }
}
