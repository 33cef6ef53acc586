package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.vigie.board.site.PublicPages.cell;
import static org.vigie.board.site.PublicPages.parse;
import static org.vigie.board.site.PublicPages.row;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.event.Staleness;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** A service turned Unknown as visitors see it: board, service page, API, feeds, badge and status.json, en and fr. */
@QuarkusTest
class UnknownOnBoardTest {

    static final Instant NOW = Instant.parse("2026-11-25T15:00:00Z");
    static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");
    /** The last result, and when the board said Unknown: yesterday, so that yesterday's cell shows it too. */
    static final Instant LAST_RESULT = Instant.parse("2026-11-24T08:00:00Z");

    static final Instant SAID_UNKNOWN = Instant.parse("2026-11-24T10:00:00Z");

    @Inject
    PublicData data;

    @Inject
    ResultStore store;

    @Inject
    Staleness staleness;

    @BeforeEach
    void unknownWebAndUpApi() {
        data.clear();
        QuarkusMock.installMockForType(Clock.fixed(NOW, ZoneOffset.UTC), Clock.class);
        long web = data.service("web", "Web", null, 0, LONG_AGO);
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", LAST_RESULT)));
        assertThat(staleness.sweep(SAID_UNKNOWN, Instant.EPOCH)).isEqualTo(1);
        long api = data.service("api", "API", null, 1, LONG_AGO);
        store.store(List.of(TestData.result(api, Outcome.UP, "HTTP 200", NOW.minusSeconds(30))));
    }

    @Test
    void theBoardShowsTheUnknownCellsGreyWithTheirLegendInEnglishAndFrench() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        Element current = row(page, "web").selectFirst("td.current");
        assertThat(current.attr("data-status")).isEqualTo("unknown");
        assertThat(current.hasClass("sev-unknown")).isTrue();
        assertThat(current.text()).contains("Unknown");
        assertThat(current.selectFirst("img.icon").attr("src")).isEqualTo("/icons/unknown.svg");
        assertThat(cell(page, "web", "2026-11-24")).isEqualTo("unknown");
        assertThat(cell(page, "web", "2026-11-23")).isEqualTo("up");
        assertThat(row(page, "api").selectFirst("td.current").attr("data-status"))
                .isEqualTo("up");
        Document doc = parse(page);
        assertThat(doc.select(".legend li").eachText()).anyMatch(t -> t.startsWith("Unknown"));
        assertThat(doc.select(".legend img[src=/icons/unknown.svg]")).hasSize(1);

        String french =
                given().get("/?lang=fr").then().statusCode(200).extract().asString();
        assertThat(row(french, "web").selectFirst("td.current").text()).contains("Inconnu");
        assertThat(parse(french).select(".legend li").eachText()).anyMatch(t -> t.startsWith("Inconnu"));
    }

    @Test
    void theServicePageSaysSinceWhenThereIsNoResultInTheVisitorsLanguage() {
        Document page = parse(
                given().get("/services/web").then().statusCode(200).extract().asString());
        assertThat(page.selectFirst(".current .status").attr("data-status")).isEqualTo("unknown");
        assertThat(page.selectFirst("p.stale").text())
                .startsWith("No check result since 2026-11-24")
                .contains("08:00");
        assertThat(page.select("li.event .message").eachText()).contains("no check result since 08:00 UTC");

        Document french = parse(given().get("/services/web?lang=fr")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(french.selectFirst("p.stale").text()).startsWith("Aucun résultat de vérification depuis le");
        assertThat(french.selectFirst(".current .status").text()).contains("Inconnu");
    }

    @Test
    void theApiShowsTheUnknownStatusItsCurrentEventAndItsLevel() {
        given().get("/api/v1/services/web")
                .then()
                .statusCode(200)
                .body("status.id", equalTo("unknown"))
                .body("status.level", equalTo("UNKNOWN"))
                .body("status.image", endsWith("/icons/unknown.svg"))
                .body("current-event.status.id", equalTo("unknown"))
                .body("current-event.message", equalTo("no check result since 08:00 UTC"))
                .body("current-event.source", equalTo("CHECK"))
                .body("last-check.reason", equalTo("HTTP 200"));
        given().get("/api/v1/services/web/events/current").then().body("status.id", equalTo("unknown"));
        given().get("/api/v1/services/web/events").then().body("events[0].status.id", equalTo("unknown"));
        given().get("/api/v1/statuses/unknown")
                .then()
                .statusCode(200)
                .body("name", equalTo("Unknown"))
                .body("level", equalTo("UNKNOWN"))
                .body("default", equalTo(false));
    }

    @Test
    void theFeedsCarryTheUnknownEvent() {
        String rss = given().get("/rss").then().statusCode(200).extract().asString();
        assertThat(xml(rss).select("item > title").eachText())
                .contains("[Web - Unknown] no check result since 08:00 UTC");
        String atom = given().header("Accept-Language", "fr")
                .get("/feed")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(xml(atom).select("entry > title").eachText())
                .contains("[Web - Inconnu] no check result since 08:00 UTC");
    }

    @Test
    void theBadgeAndStatusJsonSayUnknown() {
        String badge =
                given().get("/badge/web.svg").then().statusCode(200).extract().asString();
        assertThat(badge).contains(">Unknown</text>").contains("fill=\"#6e7781\"");
        String french = given().get("/badge/web.svg?lang=fr")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(french).contains(">Inconnu</text>");

        // Unknown ranks above Up: the board as a whole is not all up
        given().get("/status.json")
                .then()
                .statusCode(200)
                .body("status.id", equalTo("unknown"))
                .body("status.level", equalTo("UNKNOWN"))
                .body("services.find { it.id == 'web' }.status.id", equalTo("unknown"))
                .body("services.find { it.id == 'api' }.status.id", equalTo("up"));
    }

    static Document xml(String feed) {
        return Jsoup.parse(feed, "", Parser.xmlParser());
    }
}
