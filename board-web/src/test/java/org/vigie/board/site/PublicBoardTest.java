package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.board.site.PublicPages.cell;
import static org.vigie.board.site.PublicPages.dayLinks;
import static org.vigie.board.site.PublicPages.parse;
import static org.vigie.board.site.PublicPages.row;
import static org.vigie.board.site.PublicPages.services;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.board.status.Severity;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The board `/`: history, carry-over, trouble marker, uptime, sparklines, grouping; the summary and group pages. */
@QuarkusTest
class PublicBoardTest {

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");

    @Inject
    PublicData data;

    @Inject
    ResultStore store;

    @BeforeEach
    void clean() {
        data.clear();
        QuarkusMock.installMockForType(Clock.fixed(NOW, ZoneOffset.UTC), Clock.class);
    }

    static Instant at(String time) {
        return Instant.parse(time);
    }

    @Test
    void eachPastDayShowsTheWorstStatusOfThatDayBySeverity() {
        long web = data.service("web", "Web", null, 0, LONG_AGO);
        data.event(web, "down", "outage", at("2026-11-20T10:00:00Z"));
        data.event(web, "up", "fixed", at("2026-11-20T11:00:00Z"));
        data.event(web, "warning", "slow", at("2026-11-22T09:00:00Z"));
        data.event(web, "up", "fast again", at("2026-11-22T09:30:00Z"));
        // a CRITICAL status whose name sorts first beats Down (ERROR): severity decides, never the name
        data.status("aardvark", "Aardvark", Severity.CRITICAL, "minus-circle");
        data.event(web, "down", "down again", at("2026-11-23T08:00:00Z"));
        data.event(web, "aardvark", "worse", at("2026-11-23T09:00:00Z"));
        data.event(web, "up", "recovered", at("2026-11-23T10:00:00Z"));

        String page = given().get("/")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .extract()
                .asString();
        assertThat(cell(page, "web", "2026-11-19")).isEqualTo("up");
        assertThat(cell(page, "web", "2026-11-20")).isEqualTo("down");
        assertThat(cell(page, "web", "2026-11-21")).isEqualTo("up");
        assertThat(cell(page, "web", "2026-11-22")).isEqualTo("warning");
        assertThat(cell(page, "web", "2026-11-23")).isEqualTo("aardvark");
        assertThat(cell(page, "web", "2026-11-24")).isEqualTo("up");
        assertThat(dayLinks(page, "web"))
                .containsExactly(
                        "/services/web/2026/11/24",
                        "/services/web/2026/11/23",
                        "/services/web/2026/11/22",
                        "/services/web/2026/11/21",
                        "/services/web/2026/11/20",
                        "/services/web/2026/11/19",
                        "/services/web/2026/11/18"); // 7 past days, newest first
    }

    @Test
    void aStatusThatLastsCarriesOverToTheFollowingDays() {
        long db = data.service("db", "Database", null, 0, LONG_AGO);
        data.event(db, "down", "disk full", at("2026-11-22T08:00:00Z"));
        long old = data.service("old", "Old", null, 0, LONG_AGO);
        data.event(old, "warning", "degraded since long ago", at("2026-11-02T08:00:00Z")); // before the window

        String page = given().get("/").asString();
        assertThat(cell(page, "db", "2026-11-21")).isEqualTo("up");
        assertThat(cell(page, "db", "2026-11-22")).isEqualTo("down");
        assertThat(cell(page, "db", "2026-11-23")).isEqualTo("down");
        assertThat(cell(page, "db", "2026-11-24")).isEqualTo("down");
        assertThat(row(page, "db").select("td.current.status.sev-error").eachAttr("data-status"))
                .containsExactly("down");
        for (String day : List.of("2026-11-18", "2026-11-21", "2026-11-24")) {
            assertThat(cell(page, "old", day)).isEqualTo("warning");
        }
    }

    @Test
    void daysBeforeAServiceExistedHaveNoData() {
        data.service("new", "New", null, 0, at("2026-11-23T12:00:00Z"));
        String page = given().get("/").asString();
        assertThat(cell(page, "new", "2026-11-22")).isEqualTo("nodata");
        assertThat(cell(page, "new", "2026-11-23")).isEqualTo("up");
    }

    @Test
    void currentCarriesAMarkerWhenTodayHadTrouble() {
        long api = data.service("api", "API", null, 0, LONG_AGO);
        data.event(api, "down", "502", at("2026-11-25T09:00:00Z"));
        data.event(api, "up", "200 again", at("2026-11-25T10:00:00Z"));
        long calm = data.service("calm", "Calm", null, 0, LONG_AGO);
        data.event(calm, "down", "yesterday only", at("2026-11-24T09:00:00Z"));
        data.event(calm, "up", "back", at("2026-11-24T10:00:00Z"));

        String page = given().get("/").asString();
        assertThat(row(page, "api").selectFirst("td.current").attr("data-status"))
                .isEqualTo("up");
        assertThat(row(page, "api").select("td.current a.trouble")).hasSize(1);
        assertThat(row(page, "calm").select("a.trouble")).isEmpty();
        assertThat(cell(page, "calm", "2026-11-24")).isEqualTo("down");
    }

    @Test
    void uptimeComesFromTheDailyRollupsThenFromEvents() {
        long checked = data.service("checked", "Checked", null, 0, LONG_AGO);
        data.daily(checked, LocalDate.parse("2026-11-20"), 100, 90, 5, 5);
        data.daily(checked, LocalDate.parse("2026-11-21"), 100, 100, 0, 0);
        data.daily(checked, LocalDate.parse("2026-11-01"), 100, 0, 0, 100); // outside the window: not counted
        long manual = data.service("manual", "Manual", null, 0, LONG_AGO);
        data.event(manual, "up", "open", at("2026-11-01T00:00:00Z"));
        // down for one day out of eight (18 Nov 00:00 to 25 Nov 15:00 is 183 hours; 24 of them down)
        data.event(manual, "down", "closed", at("2026-11-19T00:00:00Z"));
        data.event(manual, "up", "open again", at("2026-11-20T00:00:00Z"));
        data.service("silent", "Silent", null, 0, LONG_AGO);

        String page = given().get("/").asString();
        assertThat(row(page, "checked").selectFirst("td.uptime").text()).isEqualTo("97.50%");
        assertThat(row(page, "manual").selectFirst("td.uptime").text()).isEqualTo("86.88%"); // 159 / 183, rounded down
        assertThat(row(page, "silent").selectFirst("td.uptime").text()).isEqualTo("—");
    }

    @Test
    void theSparklineDrawsTheLastDayOfHourlyLatency() {
        long web = data.service("web", "Web", null, 0, LONG_AGO);
        data.service("idle", "Idle", null, 0, LONG_AGO);
        store.store(List.of(
                TestData.result(web, Outcome.UP, "HTTP 200", NOW.minusSeconds(7200)),
                TestData.result(web, Outcome.UP, "HTTP 200", NOW.minusSeconds(3600)),
                TestData.result(web, Outcome.UP, "HTTP 200", NOW.minusSeconds(60))));

        String page = given().get("/").asString();
        Element spark = row(page, "web").selectFirst("td.spark > svg.spark");
        assertThat(spark.attr("aria-label")).contains("average 12 ms");
        assertThat(spark.select("path").eachAttr("d"))
                .singleElement()
                .asString()
                .startsWith("M");
        Element idle = row(page, "idle").selectFirst("td.spark > svg.spark");
        assertThat(idle.attr("aria-label")).isEqualTo("No checks in the last 24 hours");
        assertThat(idle.select("path")).isEmpty();
        assertThat(row(page, "web").selectFirst("td.uptime").text()).isEqualTo("100%");
        // Under the current status: when the last check ran and how long it took.
        Element lastCheck = row(page, "web").selectFirst("td.current > div.last-check");
        Element time = lastCheck.selectFirst("time");
        assertThat(time.attr("datetime")).isEqualTo("2026-11-25T14:59:00Z");
        assertThat(time.attr("title")).isEqualTo("HTTP 200");
        assertThat(time.text()).contains("14:59");
        assertThat(lastCheck.text()).endsWith("· 12 ms");
        assertThat(row(page, "idle").select("time")).isEmpty();
    }

    @Test
    void servicesAreGroupedInDisplayOrderThenByName() {
        long b = data.group("backend", "Backend", 2);
        long f = data.group("frontend", "Frontend", 1);
        data.service("zeta", "Zeta", f, 0, LONG_AGO);
        data.service("alpha", "Alpha", f, 5, LONG_AGO);
        data.service("beta", "Beta", f, 0, LONG_AGO);
        data.service("db", "Database", b, 0, LONG_AGO);
        data.service("loner", "Loner", null, 0, LONG_AGO);

        String page = given().get("/").asString();
        List<Element> sections = parse(page).select("table.board > tbody");
        assertThat(sections)
                .extracting(s -> s.selectFirst("tr.group > th .group-name").text())
                .containsExactly("Frontend", "Backend", "Other services");
        assertThat(sections)
                .extracting(PublicPages::services)
                .containsExactly(List.of("beta", "zeta", "alpha"), List.of("db"), List.of("loner"));
        assertThat(page).doesNotContain("10.9.8.7", "secret-path"); // targets are for admins only

        Document group = parse(given().get("/service-lists/frontend")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(group.selectFirst("h1").text()).isEqualTo("Frontend");
        assertThat(services(group)).containsExactly("beta", "zeta", "alpha");
        given().get("/service-lists/nope")
                .then()
                .statusCode(404)
                .contentType(ContentType.HTML)
                .body(Matchers.containsString("No service list is called"));
    }

    @Test
    void theSummaryRanksGroupsBySeverityNotByName() {
        data.status("major", "Major outage", Severity.CRITICAL, "lightning");
        long alpha = data.group("alpha", "Alpha", 1);
        long mike = data.group("mike", "Mike", 2);
        long zulu = data.group("zulu", "Zulu", 3);
        long a1 = data.service("a1", "A1", alpha, 0, LONG_AGO);
        data.service("a2", "A2", alpha, 0, LONG_AGO);
        data.service("m1", "M1", mike, 0, LONG_AGO);
        long z1 = data.service("z1", "Z1", zulu, 0, LONG_AGO);
        data.event(a1, "down", "down", at("2026-11-25T09:00:00Z"));
        data.event(z1, "major", "everything is on fire", at("2026-11-25T09:00:00Z"));

        Document page =
                parse(given().get("/summary").then().statusCode(200).extract().asString());
        assertThat(page.select("table.summary > tbody > tr"))
                .extracting(tr -> tr.select("th, td").eachText())
                .containsExactly(
                        List.of("Zulu", "Major outage", "1 of 1 services affected"),
                        List.of("Alpha", "Down", "1 of 2 services affected"),
                        List.of("Mike", "Up", "All services are operating normally"));
    }

    @Test
    void aBoardWithoutServicesSaysSo() {
        Document page = parse(given().get("/").then().statusCode(200).extract().asString());
        assertThat(page.selectFirst("p.empty").text()).isEqualTo("No services yet.");
        assertThat(page.select("table.board")).isEmpty();
    }
}
