package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.vigie.board.site.PublicPages.cell;
import static org.vigie.board.site.PublicPages.parse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A service's pages (events, periods, paging, chart, uptime per day), and the visitor's zone and language. */
@QuarkusTest
class ServicePageTest {

    static final Instant NOW = PublicBoardTest.NOW;

    @Inject
    PublicData data;

    @Inject
    ResultStore store;

    @BeforeEach
    void clean() {
        data.clear();
        QuarkusMock.installMockForType(Clock.fixed(NOW, ZoneOffset.UTC), Clock.class);
    }

    /** The messages of a service page's events, as listed. */
    static List<String> messages(String page) {
        return parse(page).select("ol.events > li.event .message").eachText();
    }

    /** The times of a service page's events, as listed. */
    static List<String> times(String page) {
        return parse(page).select("ol.events > li.event > time").eachText();
    }

    @Test
    void eventsAreListedNewestFirstWithTheDescription() {
        long id = data.service("queue", "Queue", null, 0, PublicBoardTest.LONG_AGO);
        data.describe(id, "The message broker");
        data.event(id, "down", "connection refused", Instant.parse("2026-11-24T10:00:00Z"));
        data.event(id, "up", "connected", Instant.parse("2026-11-24T10:05:00Z"));
        data.event(id, "up", "a note from the team", Instant.parse("2026-11-24T11:00:00Z"), true);

        String page = given().get("/services/queue")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .extract()
                .asString();
        assertThat(parse(page).selectFirst("p.description").text()).isEqualTo("The message broker");
        assertThat(messages(page)).containsExactly("a note from the team", "connected", "connection refused");
        assertThat(times(page))
                .containsExactly("2026-11-24 11:00:00 UTC", "2026-11-24 10:05:00 UTC", "2026-11-24 10:00:00 UTC");
        assertThat(page).doesNotContain("10.9.8.7");
    }

    @Test
    void aServiceWithoutEventsIsAllGood() {
        data.service("calm", "Calm", null, 0, PublicBoardTest.LONG_AGO);
        String page =
                given().get("/services/calm").then().statusCode(200).extract().asString();
        assertThat(parse(page).selectFirst("p.all-good").text()).startsWith("All good");
        assertThat(messages(page)).isEmpty();
    }

    @Test
    void aDayMonthOrYearPageShowsOnlyThatPeriod() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        data.event(id, "down", "on the 20th", Instant.parse("2026-11-20T10:00:00Z"));
        data.event(id, "up", "on the 21st", Instant.parse("2026-11-21T10:00:00Z"));
        data.event(id, "warning", "in October", Instant.parse("2026-10-03T10:00:00Z"));

        String day = given().get("/services/web/2026/11/20")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(messages(day)).containsExactly("on the 20th");
        assertThat(parse(day).selectFirst("section.events > h2").text()).isEqualTo("Events on Friday 20 November 2026");
        String month = given().get("/services/web/2026/11")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(messages(month)).containsExactly("on the 21st", "on the 20th");
        String year = given().get("/services/web/2026")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(messages(year)).containsExactly("on the 21st", "on the 20th", "in October");
        String empty = given().get("/services/web/2026/11/22")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(parse(empty).selectFirst("p.all-good").text()).contains("no events in this period");
    }

    @Test
    void badDatesAndPagesAre400AndUnknownServices404() {
        data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        for (String url : List.of(
                "/services/web/2026/13",
                "/services/web/2026/02/30",
                "/services/web/20x6",
                "/services/web/2026/1x",
                "/services/web?page=0",
                "/services/web?page=abc",
                "/?tz=Mars/Olympus",
                "/?lang=tlh")) {
            given().get(url).then().statusCode(400).contentType(ContentType.HTML);
        }
        given().get("/services/web?page=abc").then().body(containsString("is not a page number"));
        given().get("/services/nope")
                .then()
                .statusCode(404)
                .contentType(ContentType.HTML)
                .body(containsString("No service is called “nope”"));
        given().get("/services/nope/2026/11/20").then().statusCode(404);
    }

    @Test
    void eventsArePaged() {
        long id = data.service("busy", "Busy", null, 0, PublicBoardTest.LONG_AGO);
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        for (int i = 1; i <= 55; i++) {
            data.event(id, "up", "note number " + i + ".", t.plusSeconds(60L * i), true);
        }
        String first = given().get("/services/busy").asString();
        assertThat(messages(first)).hasSize(50).startsWith("note number 55.").endsWith("note number 6.");
        assertThat(parse(first).select("nav.pager a[rel=next]").eachAttr("href"))
                .containsExactly("/services/busy?page=2");
        assertThat(parse(first).select("nav.pager a[rel=prev]")).isEmpty();
        String second = given().get("/services/busy?page=2").asString();
        assertThat(messages(second))
                .containsExactly(
                        "note number 5.", "note number 4.", "note number 3.", "note number 2.", "note number 1.");
        assertThat(parse(second).select("nav.pager a[rel=prev]").eachAttr("href"))
                .containsExactly("/services/busy");
        assertThat(parse(second).select("nav.pager a[rel=next]")).isEmpty();
        assertThat(second).doesNotContain("?page=3");
    }

    @Test
    void theChartAndPerDayUptimeComeFromHourlyRollups() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        store.store(List.of(
                TestData.result(id, Outcome.UP, "HTTP 200", Instant.parse("2026-11-24T10:00:00Z")),
                TestData.result(id, Outcome.DOWN, "HTTP 500", Instant.parse("2026-11-24T11:00:00Z")),
                TestData.result(id, Outcome.UP, "HTTP 200", Instant.parse("2026-11-24T12:00:00Z")),
                TestData.result(id, Outcome.UP, "HTTP 200", Instant.parse("2026-11-24T13:00:00Z"))));

        Document page = parse(given().get("/services/web").asString());
        assertThat(page.select("section.chart figure.by-day svg.chart path.line")
                        .eachAttr("d"))
                .singleElement()
                .asString()
                .startsWith("M");
        List<List<String>> days = page.select("table.days > tbody > tr").stream()
                .map(tr -> tr.select("th, td").eachText())
                .toList();
        assertThat(days)
                .contains(
                        List.of("Tuesday 24 November 2026", "75%", "4", "12 ms"),
                        List.of("Monday 23 November 2026", "—", "0", "—"));

        Document empty = parse(given().get("/services/web/2026/11/20").asString());
        assertThat(empty.selectFirst("section.chart p.empty").text()).contains("No response times recorded");
        assertThat(empty.select("svg.chart")).isEmpty();
    }

    @Test
    void theVisitorsTimeZoneMovesTimesAndDaysAndIsRemembered() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        data.event(id, "down", "late night", Instant.parse("2026-11-23T23:30:00Z"));
        data.event(id, "up", "back", Instant.parse("2026-11-23T23:45:00Z"));

        String utc = given().get("/").asString();
        assertThat(cell(utc, "web", "2026-11-23")).isEqualTo("down");
        assertThat(cell(utc, "web", "2026-11-24")).isEqualTo("up");

        Response paris = given().get("/?tz=Europe/Paris");
        assertThat(paris.getCookie(VisitorResolver.TZ_COOKIE)).isEqualTo("Europe/Paris");
        assertThat(cell(paris.asString(), "web", "2026-11-23")).isEqualTo("up");
        assertThat(cell(paris.asString(), "web", "2026-11-24")).isEqualTo("down");

        String remembered = given().cookie(VisitorResolver.TZ_COOKIE, "Europe/Paris")
                .get("/services/web")
                .asString();
        assertThat(times(remembered)).containsExactly("2026-11-24 00:45:00 CET", "2026-11-24 00:30:00 CET");
        assertThat(times(given().get("/services/web").asString()))
                .containsExactly("2026-11-23 23:45:00 UTC", "2026-11-23 23:30:00 UTC");
        // a stale cookie is ignored, not an error
        given().cookie(VisitorResolver.TZ_COOKIE, "Nowhere/Land")
                .get("/")
                .then()
                .statusCode(200);

        // the board's own zone is the default
        data.settings("Vigie", 7, "America/New_York");
        assertThat(times(given().get("/services/web").asString())).contains("2026-11-23 18:30:00 EST");
    }

    @Test
    void theLanguageComesFromAcceptLanguageOrTheSwitch() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        data.event(id, "down", "panne", Instant.parse("2026-11-20T10:00:00Z"));

        Document english = parse(given().get("/").asString());
        assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(english.selectFirst("h1").text()).isEqualTo("Service status");
        assertThat(english.selectFirst("section.legend > h2").text()).isEqualTo("Legend");
        assertThat(english.select("section.legend li strong").eachText()).contains("Down");
        String frenchPage = given().header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
                .get("/")
                .asString();
        assertThat(frenchPage).doesNotContain("Legend");
        Document french = parse(frenchPage);
        assertThat(french.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(french.selectFirst("h1").text()).isEqualTo("État des services");
        assertThat(french.selectFirst("section.legend > h2").text()).isEqualTo("Légende");
        assertThat(french.select("section.legend li strong").eachText()).contains("En panne");

        Response switched = given().header("Accept-Language", "en").get("/services/web?lang=fr");
        assertThat(switched.getCookie(VisitorResolver.LANG_COOKIE)).isEqualTo("fr");
        Document service = parse(switched.asString());
        assertThat(service.selectFirst("section.events > h2").text()).isEqualTo("Événements");
        assertThat(service.select("table.days > tbody th").eachText()).contains("vendredi 20 novembre 2026");
        Document summary = parse(given().cookie(VisitorResolver.LANG_COOKIE, "fr")
                .get("/summary")
                .asString());
        assertThat(summary.selectFirst("h1").text()).isEqualTo("Synthèse");
        Document back = parse(given().cookie(VisitorResolver.LANG_COOKIE, "fr")
                .get("/?lang=en")
                .asString());
        assertThat(back.selectFirst("h1").text()).isEqualTo("Service status");
    }
}
