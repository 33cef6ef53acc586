package org.vigie.board.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.incident.service.IncidentDrafts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The admin menu counts the draft incidents waiting on every admin page, those rendered on the event loop included,
 * and links to the list of them.
 */
@QuarkusTest
class DraftsWaitingTest extends AdminTest {

    @Inject
    IncidentDrafts drafts;

    @BeforeEach
    void countAfresh() {
        drafts.refresh(); // the test data's clearing is no incident change of the board's: count again
    }

    private static long open(String title, boolean published) {
        return api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "message",
                        "Looking.",
                        "published",
                        String.valueOf(published),
                        "services",
                        Map.of("shop", "major-outage")))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** The menu's notice on a page, or null when there is none. */
    private static Element notice(Response page) {
        return Jsoup.parse(page.asString()).selectFirst("nav #drafts-waiting");
    }

    @Test
    void everyAdminPageSaysHowManyDraftsWait() {
        data.service("shop", "https://shop.example.org/");
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "Core"))
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        AdminFixtures.Session session = AdminFixtures.login();
        assertThat(notice(session.given().get("/admin/services"))).isNull();

        long draft = open("Shop is slow", false);
        long published = open("Shop payments fail", true);

        // GET pages (some on a worker thread, some rendered by the event loop), and forms shown again with errors
        record Page(String what, int status, Response response) {}
        List<Page> pages = List.of(
                new Page("services", 200, session.given().get("/admin/services")),
                new Page("new service", 200, session.given().get("/admin/services/new")),
                new Page("service", 200, session.given().get("/admin/services/shop")),
                new Page("edit service", 200, session.given().get("/admin/services/shop/edit")),
                new Page("no such service", 404, session.given().get("/admin/services/nope")),
                new Page("statuses", 200, session.given().get("/admin/statuses")),
                new Page("new status", 200, session.given().get("/admin/statuses/new")),
                new Page("edit status", 200, session.given().get("/admin/statuses/down/edit")),
                new Page("groups", 200, session.given().get("/admin/groups")),
                new Page("new group", 200, session.given().get("/admin/groups/new")),
                new Page("edit group", 200, session.given().get("/admin/groups/core/edit")),
                new Page("incidents", 200, session.given().get("/admin/incidents")),
                new Page("drafts", 200, session.given().get("/admin/incidents?show=drafts")),
                new Page("new incident", 200, session.given().get("/admin/incidents/new")),
                new Page("incident", 200, session.given().get("/admin/incidents/" + draft)),
                new Page("workers", 200, session.given().get("/admin/workers")),
                new Page("tokens", 200, session.given().get("/admin/tokens")),
                new Page("settings", 200, session.given().get("/admin/settings")),
                new Page("password", 200, session.given().get("/admin/password")),
                new Page(
                        "password refused",
                        400,
                        session.form()
                                .formParam("current", "")
                                .formParam("password", "short")
                                .formParam("repeat", "short")
                                .post("/admin/password")),
                new Page(
                        "service form refused",
                        400,
                        session.form()
                                .formParam("name", "")
                                .formParam("interval", "60")
                                .post("/admin/services")),
                new Page(
                        "incident form refused",
                        400,
                        session.form().formParam("title", "").post("/admin/incidents")));
        for (Page page : pages) {
            assertThat(page.response().statusCode()).as(page.what()).isEqualTo(page.status());
            Element notice = notice(page.response());
            assertThat(notice).as(page.what()).isNotNull();
            assertThat(notice.text()).as(page.what()).isEqualTo("1 draft incident waiting");
            assertThat(notice.attr("href")).as(page.what()).isEqualTo("/admin/incidents?show=drafts");
        }

        // the link: the drafts waiting only
        Document list =
                Jsoup.parse(session.given().get("/admin/incidents?show=drafts").asString());
        assertThat(list.select("h1").text()).isEqualTo("Drafts waiting");
        assertThat(list.select("#incident-" + draft)).hasSize(1);
        assertThat(list.select("#incident-" + published)).isEmpty();
        assertThat(Jsoup.parse(session.given().get("/admin/incidents").asString())
                        .select("#incident-" + published))
                .hasSize(1);

        // a second draft: counted as soon as it is saved
        open("Shop search is down", false);
        assertThat(notice(session.given().get("/admin/tokens")).text()).isEqualTo("2 draft incidents waiting");

        // both published (one in the pages, one through the API): nothing waits
        session.form()
                .formParam("title", "Shop is slow")
                .formParam("impact", "minor")
                .formParam("published", "on")
                .formParam("services", "shop=major-outage")
                .post("/admin/incidents/" + draft)
                .then()
                .statusCode(303);
        assertThat(notice(session.given().get("/admin/services")).text()).isEqualTo("1 draft incident waiting");
        long other =
                Jsoup.parse(session.given().get("/admin/incidents?show=drafts").asString()).select("tbody tr").stream()
                        .map(tr -> Long.parseLong(tr.id().substring("incident-".length())))
                        .findFirst()
                        .orElseThrow();
        api().contentType(ContentType.JSON)
                .body(Map.of("published", "true"))
                .post("/admin/api/v1/incidents/" + other)
                .then()
                .statusCode(200);
        assertThat(notice(session.given().get("/admin/services"))).isNull();
        assertThat(Jsoup.parse(session.given()
                                .get("/admin/incidents?show=drafts")
                                .asString())
                        .select("main")
                        .text())
                .contains("No drafts waiting.");
    }
}
