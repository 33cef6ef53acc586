package org.vigie.board.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Incidents on the public side: the board's top, their pages, the list by month, a service's page, the feeds. */
@QuarkusTest
class IncidentPagesTest extends AdminTest {

    private long open(String title, String message, Map<String, String> services, Instant at) {
        return api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "impact",
                        "major",
                        "services",
                        services,
                        "message",
                        message,
                        "timestamp",
                        at.toString()))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private void post(long id, String state, String message) {
        api().contentType(ContentType.JSON)
                .body(Map.of("state", state, "message", message))
                .post("/admin/api/v1/incidents/" + id + "/updates")
                .then()
                .statusCode(201);
    }

    @Test
    void anOpenIncidentStandsAtTheTopOfTheBoardWithItsLatestUpdate() {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        long id = open("Checkout is slow", "Looking into it.", Map.of("web", "partial-outage"), Instant.now());
        post(id, "identified", "A missing index.");

        Document board =
                Jsoup.parse(given().get("/").then().statusCode(200).extract().asString());
        var card = board.selectFirst("section.incidents.ongoing article#incident-" + id);
        assertThat(card).as("the open incident on the board").isNotNull();
        assertThat(card.selectFirst("h3 a").attr("href")).isEqualTo("/incidents/" + id);
        assertThat(card.text()).contains("Checkout is slow", "Identified", "A missing index.", "major");
        assertThat(card.text()).doesNotContain("Looking into it.");

        Document page = Jsoup.parse(
                given().get("/incidents/" + id).then().statusCode(200).extract().asString());
        assertThat(page.select("ol.timeline li")).hasSize(2);
        assertThat(page.select("ol.timeline li").get(0).text()).contains("Identified", "A missing index.");
        assertThat(page.select("ol.timeline li").get(1).text()).contains("Investigating", "Looking into it.");
        assertThat(page.select(".incident-services a[href=/services/web]").text())
                .isEqualTo("web");
        assertThat(page.select(".incident-services").text()).contains("Partial outage");

        Document fr = Jsoup.parse(given().get("/incidents/" + id + "?lang=fr").asString());
        assertThat(fr.select("ol.timeline").text()).contains("Cause identifiée", "Enquête en cours");
        assertThat(fr.select(".incident-services").text()).contains("Panne partielle");

        // the service page lists it; another service's does not
        assertThat(Jsoup.parse(given().get("/services/web").asString()).select("#incidents article#incident-" + id))
                .hasSize(1);
        assertThat(Jsoup.parse(given().get("/services/db").asString()).select("#incidents article"))
                .isEmpty();

        // resolved: off the board's top, still on its page and in the list
        api().contentType(ContentType.JSON)
                .body(Map.of("message", "Fixed."))
                .post("/admin/api/v1/incidents/" + id + "/resolve")
                .then()
                .statusCode(201);
        assertThat(Jsoup.parse(given().get("/").asString()).select("section.incidents.ongoing"))
                .isEmpty();
        assertThat(Jsoup.parse(given().get("/incidents").asString())
                        .select("article#incident-" + id + " .state")
                        .text())
                .isEqualTo("Resolved");
    }

    @Test
    void theListGoesByMonthNewestFirstInPages() {
        Instant now = Instant.now();
        long recent = open("Recent", "now", Map.of(), now.minus(1, ChronoUnit.HOURS));
        long old = open("Old", "then", Map.of(), now.minus(70, ChronoUnit.DAYS));
        Document list = Jsoup.parse(
                given().get("/incidents").then().statusCode(200).extract().asString());
        assertThat(list.select("section.incident-month")).hasSize(2);
        assertThat(list.select("section.incident-month").get(0).select("article#incident-" + recent))
                .hasSize(1);
        assertThat(list.select("section.incident-month").get(1).select("article#incident-" + old))
                .hasSize(1);
        given().get("/incidents?page=x").then().statusCode(400);
        given().get("/incidents/424242").then().statusCode(404);
        given().get("/incidents/abc").then().statusCode(404);
        given().get("/incidents?page=2").then().statusCode(200);
    }

    @Test
    void theFeedsCarryIncidentUpdates() {
        data.service("web", "https://web.example.org/");
        long id = open("Mail delayed", "Queues are long.", Map.of("web", "degraded-performance"), Instant.now());
        String rss = given().get("/rss").then().statusCode(200).extract().asString();
        Document r = Jsoup.parse(rss, "", org.jsoup.parser.Parser.xmlParser());
        assertThat(r.select("item > title").eachText()).contains("[Mail delayed - Investigating] Queues are long.");
        assertThat(r.select("item > link").eachText())
                .anyMatch(l -> l.endsWith("/incidents/" + id + "#update-" + l.substring(l.lastIndexOf('-') + 1)));
        String atom = given().get("/feed").then().statusCode(200).extract().asString();
        Document a = Jsoup.parse(atom, "", org.jsoup.parser.Parser.xmlParser());
        assertThat(a.select("entry > title").eachText()).contains("[Mail delayed - Investigating] Queues are long.");
        assertThat(a.select("entry > category[term=incident]")).hasSize(1);
        // a feed of the affected service carries it; of another service not
        data.service("db", "tcp://db.example.org:5432");
        assertThat(given().get("/rss?services=web").asString()).contains("Mail delayed");
        assertThat(given().get("/rss?services=db").asString()).doesNotContain("Mail delayed");
    }
}
