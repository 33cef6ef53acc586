package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.board.status.Severity;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The read API, the feeds, badges, the overall status, CORS, and escaping everywhere. */
@QuarkusTest
class PublicApiTest {

    static final Instant NOW = PublicBoardTest.NOW;

    @Inject
    PublicData data;

    @Inject
    ResultStore store;

    long web;
    long db;

    @BeforeEach
    void clean() {
        data.clear();
        QuarkusMock.installMockForType(Clock.fixed(NOW, ZoneOffset.UTC), Clock.class);
    }

    void twoServices() {
        long g = data.group("core", "Core", 1);
        web = data.service("web", "Web", g, 0, PublicBoardTest.LONG_AGO);
        db = data.service("db", "Database", null, 0, PublicBoardTest.LONG_AGO);
        data.event(web, "down", "web is down", Instant.parse("2026-11-20T10:00:00Z"));
        data.event(web, "up", "web is back", Instant.parse("2026-11-22T10:00:00Z"));
        data.event(web, "up", "a note", Instant.parse("2026-11-23T10:00:00Z"), true);
        data.event(db, "warning", "db is slow", Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void servicesInStashboardsShapesWithoutTargets() {
        twoServices();
        store.store(List.of(TestData.result(db, Outcome.WARNING, "slow query", NOW.minusSeconds(30))));
        given().get("/api/v1/services")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("services.id", equalTo(List.of("db", "web"))) // display order, then name
                .body("services[1].name", equalTo("Web"))
                .body("services[1].url", endsWith("/api/v1/services/web"))
                .body("services[1].list.id", equalTo("core"))
                .body("services[1].current-event.message", equalTo("web is back"))
                .body("services[1].current-event.timestamp", equalTo("Sun, 22 Nov 2026 10:00:00 GMT"))
                .body("services[1].current-event.status.id", equalTo("up"))
                .body("services[1].current-event.status.level", equalTo("NORMAL"))
                .body("services[1].last-check", nullValue())
                .body("services[0].status.id", equalTo("warning"))
                .body("services[0].last-check.reason", equalTo("slow query"))
                .body("services[0].last-check.latency-ms", equalTo(12))
                .body(not(containsString("10.9.8.7")));
        given().get("/api/v1/services/web")
                .then()
                .statusCode(200)
                .body("id", equalTo("web"))
                .body("description", equalTo(""))
                .body(not(containsString("secret-path")));
        given().get("/api/v1/services/nope")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("error", equalTo(true))
                .body("code", equalTo(404))
                .body("message", equalTo("no service with slug \"nope\""));
    }

    @Test
    void eventsWithStartAndEndFilters() {
        twoServices();
        given().get("/api/v1/services/web/events")
                .then()
                .statusCode(200)
                .body("events.message", equalTo(List.of("a note", "web is back", "web is down")))
                .body("events[0].informational", equalTo(true));
        given().queryParam("start", "2026-11-21")
                .get("/api/v1/services/web/events")
                .then()
                .statusCode(200)
                .body("events.message", equalTo(List.of("a note", "web is back")));
        given().queryParam("start", "2026-11-21T00:00:00Z")
                .queryParam("end", "Mon, 23 Nov 2026 00:00:00 GMT")
                .get("/api/v1/services/web/events")
                .then()
                .statusCode(200)
                .body("events.message", equalTo(List.of("web is back")));
        given().queryParam("end", "2026-11-20T12:00:00+02:00")
                .get("/api/v1/services/web/events")
                .then()
                .statusCode(200)
                .body("events.message", equalTo(List.of("web is down")));
        given().queryParam("limit", "1")
                .get("/api/v1/services/web/events")
                .then()
                .body("events.message", equalTo(List.of("a note")));
        given().queryParam("start", "last tuesday")
                .get("/api/v1/services/web/events")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo(true))
                .body("code", equalTo(400))
                .body("message", startsWith("start: "));
        given().queryParam("limit", "0")
                .get("/api/v1/services/web/events")
                .then()
                .statusCode(400);
        given().get("/api/v1/services/nope/events").then().statusCode(404).body("code", equalTo(404));
    }

    @Test
    void currentEventAndOneEvent() {
        twoServices();
        String sid = given().get("/api/v1/services/web/events/current")
                .then()
                .statusCode(200)
                .body("message", equalTo("web is back"))
                .body("informational", equalTo(false))
                .extract()
                .path("sid");
        given().get("/api/v1/services/web/events/" + sid)
                .then()
                .statusCode(200)
                .body("message", equalTo("web is back"))
                .body("url", endsWith("/api/v1/services/web/events/" + sid));
        given().get("/api/v1/services/db/events/" + sid).then().statusCode(404).body("error", equalTo(true));
        given().get("/api/v1/services/web/events/xyz").then().statusCode(404).body("code", equalTo(404));
        long quiet = data.service("quiet", "Quiet", null, 0, PublicBoardTest.LONG_AGO);
        data.event(quiet, "up", "only a note", NOW.minusSeconds(60), true);
        given().get("/api/v1/services/quiet/events/current")
                .then()
                .statusCode(404)
                .body("message", equalTo("no current event for service \"quiet\""));
    }

    @Test
    void statusesListsLevelsAndImages() {
        twoServices();
        given().get("/api/v1/statuses")
                .then()
                .statusCode(200)
                .body("statuses.id", hasItems("up", "warning", "down", "maintenance"))
                .body("statuses.find { it.id == 'up' }.default", equalTo(true))
                .body("statuses.find { it.id == 'down' }.level", equalTo("ERROR"))
                .body("statuses.find { it.id == 'down' }.image", endsWith("/icons/cross-circle.svg"));
        given().get("/api/v1/statuses/maintenance")
                .then()
                .statusCode(200)
                .body("name", equalTo("Maintenance"))
                .body("level", equalTo("UNKNOWN")); // neither up nor down, as Unknown
        given().get("/api/v1/statuses/nope").then().statusCode(404).body("error", equalTo(true));
        given().get("/api/v1/service-lists")
                .then()
                .statusCode(200)
                .body("lists.id", equalTo(List.of("core")))
                .body("lists[0].url", endsWith("/api/v1/service-lists/core"));
        given().get("/api/v1/service-lists/core")
                .then()
                .statusCode(200)
                .body("name", equalTo("Core"))
                .body("services.id", equalTo(List.of("web")));
        given().get("/api/v1/service-lists/nope").then().statusCode(404).body("code", equalTo(404));
        given().get("/api/v1/levels")
                .then()
                .statusCode(200)
                .body("levels", equalTo(List.of("NORMAL", "UNKNOWN", "WARNING", "ERROR", "CRITICAL")));
        given().get("/api/v1/status-images")
                .then()
                .statusCode(200)
                .body("images.name", hasItems("tick-circle", "wrench"))
                .body("images[0].url", endsWith("/icons/tick-circle.svg"))
                .body("images[0].icon_set", equalTo("vigie"));
        given().get("/icons/tick-circle.svg").then().statusCode(200);
    }

    @Test
    void rssAndAtomFeedsFilteredByService() {
        twoServices();
        String rss = given().get("/rss")
                .then()
                .statusCode(200)
                .contentType("application/rss+xml")
                .extract()
                .asString();
        assertThat(rss)
                .contains(
                        "<rss version=\"2.0\"",
                        "<title>[Database - Warning] db is slow</title>",
                        "<title>[Web - Down] web is down</title>",
                        "<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>");
        assertThat(rss).containsSubsequence("db is slow", "a note", "web is back", "web is down");
        String onlyWeb = given().queryParam("services", "web").get("/rss").asString();
        assertThat(onlyWeb).contains("[Web - Up] web is back").doesNotContain("db is slow");
        given().queryParam("services", "web,nope").get("/rss").then().statusCode(404);

        String atom = given().get("/feed")
                .then()
                .statusCode(200)
                .contentType("application/atom+xml")
                .extract()
                .asString();
        assertThat(atom)
                .contains(
                        "<feed xmlns=\"http://www.w3.org/2005/Atom\"",
                        "<title type=\"text\">[Database - Warning] db is slow</title>",
                        "<updated>2026-11-24T10:00:00Z</updated>");
        assertThat(given().queryParam("services", "db").get("/feed").asString()).doesNotContain("web is");
    }

    @Test
    void badgesAndTheOverallStatus() {
        twoServices();
        String badge = given().get("/badge/db.svg")
                .then()
                .statusCode(200)
                .contentType("image/svg+xml")
                .extract()
                .asString();
        assertThat(badge).contains("<svg", ">Database<", ">Warning<", "#b08000");
        assertThat(given().get("/badge/web.svg").asString()).contains(">Up<", "#2e8540");
        given().get("/badge/nope.svg").then().statusCode(404).contentType("image/svg+xml");

        given().get("/status.json")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("status.id", equalTo("warning"))
                .body("status.level", equalTo("WARNING"))
                .body("services.find { it.id == 'web' }.status.id", equalTo("up"))
                .body(not(containsString("10.9.8.7")));
        data.status("major", "Major outage", Severity.CRITICAL, "lightning");
        data.event(web, "major", "fire", NOW.minusSeconds(10));
        given().get("/status.json").then().body("status.id", equalTo("major"));
        assertThat(given().get("/badge/web.svg").asString()).contains("Major outage", "#7d1020");
    }

    @Test
    void corsIsOnForTheApiFeedsAndBadges() {
        twoServices();
        for (String url : List.of(
                "/api/v1/services", "/api/v1/services/nope", "/rss", "/feed", "/badge/web.svg", "/status.json")) {
            given().header("Origin", "https://example.org").get(url).then().header("Access-Control-Allow-Origin", "*");
        }
        given().header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "accept")
                .options("/api/v1/services")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", "accept");
        given().header("Origin", "https://example.org")
                .get("/")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void userTextIsEscapedOnEveryPageFeedAndBadge() {
        long g = data.group("grp", "<script>alert('group')</script>", 1);
        long id = data.service("xss", "<script>alert(1)</script>", g, 0, PublicBoardTest.LONG_AGO);
        data.describe(id, "<img src=x onerror=alert(2)>");
        data.event(id, "down", "<script>alert(3)</script> & more", NOW.minusSeconds(3600));
        data.event(id, "up", "<b>bold</b>", NOW.minusSeconds(60), true);
        for (String url : List.of("/", "/services/xss", "/services/xss/2026/11/25", "/service-lists/grp", "/summary")) {
            String page = given().get(url).then().statusCode(200).extract().asString();
            assertThat(page).as(url).doesNotContain("<script>alert", "<img src=x", "<b>bold");
            assertThat(page).as(url).contains("&lt;script&gt;alert(");
        }
        assertThat(given().get("/services/xss").asString())
                .contains("&lt;script&gt;alert(3)&lt;/script&gt; &amp; more");

        String rss = given().get("/rss").asString();
        assertThat(rss)
                .doesNotContain("<script>", "<b>bold")
                .contains(
                        "<title>[&lt;script&gt;alert(1)&lt;/script&gt; - Down] &lt;script&gt;alert(3)&lt;/script&gt; &amp; more</title>")
                // descriptions are HTML: escaped for HTML, then for XML
                .contains(
                        "<description>&amp;lt;script&amp;gt;alert(3)&amp;lt;/script&amp;gt; &amp;amp; more</description>");
        String atom = given().get("/feed").asString();
        assertThat(atom)
                .doesNotContain("<script>", "<b>bold")
                .contains("&lt;script&gt;alert(3)&lt;/script&gt; &amp; more");
        String badge = given().get("/badge/xss.svg").asString();
        assertThat(badge).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        given().get("/api/v1/services/xss")
                .then()
                .body("name", equalTo("<script>alert(1)</script>"))
                .contentType(ContentType.JSON);
    }
}
