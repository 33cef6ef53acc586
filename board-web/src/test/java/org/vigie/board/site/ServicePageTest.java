package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.vigie.board.site.PublicPages.cell;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

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

    @Test
    void eventsAreListedNewestFirstWithTheDescription() {
        long id = data.service("queue", "Queue", null, 0, PublicBoardTest.LONG_AGO);
        data.describe(id, "The message broker");
        data.event(id, "down", "connection refused", Instant.parse("2026-11-24T10:00:00Z"));
        data.event(id, "up", "connected", Instant.parse("2026-11-24T10:05:00Z"));
        data.event(id, "up", "a note from the team", Instant.parse("2026-11-24T11:00:00Z"), true);

        String page = given().get("/services/queue").then().statusCode(200).contentType(ContentType.HTML).extract().asString();
        assertThat(page).contains("The message broker", "2026-11-24 10:05:00 UTC");
        assertThat(page).containsSubsequence("a note from the team", "connected", "connection refused");
        assertThat(page).doesNotContain("10.9.8.7");
    }

    @Test
    void aServiceWithoutEventsIsAllGood() {
        data.service("calm", "Calm", null, 0, PublicBoardTest.LONG_AGO);
        given().get("/services/calm").then().statusCode(200).body(containsString("All good"));
    }

    @Test
    void aDayMonthOrYearPageShowsOnlyThatPeriod() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        data.event(id, "down", "on the 20th", Instant.parse("2026-11-20T10:00:00Z"));
        data.event(id, "up", "on the 21st", Instant.parse("2026-11-21T10:00:00Z"));
        data.event(id, "warning", "in October", Instant.parse("2026-10-03T10:00:00Z"));

        String day = given().get("/services/web/2026/11/20").then().statusCode(200).extract().asString();
        assertThat(day).contains("on the 20th", "Events on Friday 20 November 2026").doesNotContain("on the 21st", "in October");
        String month = given().get("/services/web/2026/11").then().statusCode(200).extract().asString();
        assertThat(month).contains("on the 20th", "on the 21st").doesNotContain("in October");
        String year = given().get("/services/web/2026").then().statusCode(200).extract().asString();
        assertThat(year).contains("on the 20th", "in October");
        given().get("/services/web/2026/11/22").then().statusCode(200).body(containsString("no events in this period"));
    }

    @Test
    void badDatesAndPagesAre400AndUnknownServices404() {
        data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        for (String url : List.of("/services/web/2026/13", "/services/web/2026/02/30", "/services/web/20x6",
                "/services/web/2026/1x", "/services/web?page=0", "/services/web?page=abc", "/?tz=Mars/Olympus",
                "/?lang=tlh")) {
            given().get(url).then().statusCode(400).contentType(ContentType.HTML);
        }
        given().get("/services/web?page=abc").then().body(containsString("is not a page number"));
        given().get("/services/nope").then().statusCode(404).contentType(ContentType.HTML)
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
        assertThat(first).contains("note number 55.", "note number 6.").doesNotContain("note number 5.")
                .contains("href=\"/services/busy?page=2\"");
        String second = given().get("/services/busy?page=2").asString();
        assertThat(second).contains("note number 5.", "note number 1.").doesNotContain("note number 6.")
                .contains("href=\"/services/busy\"").doesNotContain("?page=3");
    }

    @Test
    void theChartAndPerDayUptimeComeFromHourlyRollups() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        store.store(List.of(TestData.result(id, Outcome.UP, "HTTP 200", Instant.parse("2026-11-24T10:00:00Z")),
                TestData.result(id, Outcome.DOWN, "HTTP 500", Instant.parse("2026-11-24T11:00:00Z")),
                TestData.result(id, Outcome.UP, "HTTP 200", Instant.parse("2026-11-24T12:00:00Z")),
                TestData.result(id, Outcome.UP, "HTTP 200", Instant.parse("2026-11-24T13:00:00Z"))));

        String page = given().get("/services/web").asString();
        assertThat(page).contains("<svg class=\"chart\"", "<path class=\"line\" d=\"M");
        assertThat(page).containsSubsequence("Tuesday 24 November 2026", "<td>75%</td>", "<td>4</td>", "<td>12 ms</td>");
        assertThat(page).containsSubsequence("Monday 23 November 2026", "<td>—</td>");

        given().get("/services/web/2026/11/20").then().body(containsString("No response times recorded"));
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

        String remembered = given().cookie(VisitorResolver.TZ_COOKIE, "Europe/Paris").get("/services/web").asString();
        assertThat(remembered).contains("2026-11-24 00:30:00 CET").doesNotContain("2026-11-23 23:30:00 UTC");
        assertThat(given().get("/services/web").asString()).contains("2026-11-23 23:30:00 UTC");
        // a stale cookie is ignored, not an error
        given().cookie(VisitorResolver.TZ_COOKIE, "Nowhere/Land").get("/").then().statusCode(200);

        // the board's own zone is the default
        data.settings("Vigie", 7, "America/New_York");
        assertThat(given().get("/services/web").asString()).contains("2026-11-23 18:30:00 EST");
    }

    @Test
    void theLanguageComesFromAcceptLanguageOrTheSwitch() {
        long id = data.service("web", "Web", null, 0, PublicBoardTest.LONG_AGO);
        data.event(id, "down", "panne", Instant.parse("2026-11-20T10:00:00Z"));

        assertThat(given().get("/").asString()).contains("<html lang=\"en\"", "Service status", "Legend", "Down");
        String french = given().header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5").get("/").asString();
        assertThat(french).contains("<html lang=\"fr\"", "État des services", "Légende", "En panne").doesNotContain("Legend");

        Response switched = given().header("Accept-Language", "en").get("/services/web?lang=fr");
        assertThat(switched.getCookie(VisitorResolver.LANG_COOKIE)).isEqualTo("fr");
        assertThat(switched.asString()).contains("Événements", "vendredi 20 novembre 2026");
        assertThat(given().cookie(VisitorResolver.LANG_COOKIE, "fr").get("/summary").asString()).contains("Synthèse");
        assertThat(given().cookie(VisitorResolver.LANG_COOKIE, "fr").get("/?lang=en").asString()).contains("Service status");
    }
}
