package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.board.site.PublicPages.parse;
import static org.vigie.board.site.PublicPages.services;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A board past {@code vigie.board.full-board-up-to} (500) services folds: the groups' summaries and the services in
 * trouble only, with the whole count in the headline; group pages and searches list the rest a page at a time.
 */
@QuarkusTest
class BigBoardTest {

    static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");

    @Inject
    PublicData data;

    List<Long> big;

    @BeforeEach
    void aBoardOfFiveHundredAndTwentyServices() {
        data.clear();
        long a = data.group("big", "Big group", 0);
        long b = data.group("small", "Small group", 1);
        big = data.services("big", 510, a, LONG_AGO);
        List<Long> small = data.services("small", 10, b, LONG_AGO);
        for (int i : new int[] {7, 42, 300}) {
            data.event(big.get(i), "down", "connection refused", Instant.now().minusSeconds(60));
        }
        data.event(small.get(3), "warning", "slow", Instant.now().minusSeconds(60));
    }

    @Test
    void theBoardFoldsToTheGroupsAndTheServicesInTrouble() {
        Document page = parse(given().get("/").then().statusCode(200).extract().asString());
        assertThat(services(page)).containsExactly("big-00007", "big-00042", "big-00300", "small-00003");
        assertThat(page.selectFirst("p.folded-note").text()).contains("520 services");
        assertThat(page.selectFirst("section.headline").text())
                .contains("Partial outage", "4 of 520 services affected");
        var groups = page.select("tr.group th");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).selectFirst(".group-sum").text()).contains("Down", "3 of 510 services affected");
        assertThat(groups.get(0).selectFirst("a.group-all").attr("href")).isEqualTo("/service-lists/big");
        assertThat(groups.get(0).selectFirst("a.group-all").text()).isEqualTo("All 510 services");
        assertThat(groups.get(1).selectFirst(".group-sum").text()).contains("Warning", "1 of 10 services affected");
        assertThat(page.select("form.search input[name=q]")).hasSize(1);
    }

    @Test
    void aGroupsPageListsEveryServiceAPageAtATime() {
        Document first = parse(given().get("/service-lists/big")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> one = services(first);
        assertThat(one).hasSize(500).startsWith("big-00000").endsWith("big-00499");
        assertThat(first.selectFirst("nav.pager a[rel=next]").attr("href")).isEqualTo("?page=2");
        assertThat(first.selectFirst("section.headline").text()).contains("3 of 510 services affected");

        Document second = parse(given().get("/service-lists/big?page=2")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(services(second)).hasSize(10).startsWith("big-00500").endsWith("big-00509");
        assertThat(second.selectFirst("nav.pager a[rel=prev]").attr("href")).isEqualTo("?page=1");
        assertThat(second.select("nav.pager a[rel=next]")).isEmpty();
        given().get("/service-lists/big?page=zero").then().statusCode(400);
    }

    @Test
    void aSearchFindsAServiceByNameOrSlug() {
        Document found = parse(
                given().get("/?q=BIG-0012").then().statusCode(200).extract().asString());
        assertThat(services(found)).hasSize(10).startsWith("big-00120").endsWith("big-00129");
        assertThat(found.selectFirst("p.matches").text()).isEqualTo("10 services match “BIG-0012”");
        assertThat(found.selectFirst("input[name=q]").val()).isEqualTo("BIG-0012");
        assertThat(found.select("p.folded-note"))
                .as("a search lists what it found")
                .isEmpty();

        Document none = parse(given().get("/?q=nothing-like-this")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(services(none)).isEmpty();
        assertThat(none.selectFirst("p.matches").text()).startsWith("0 services match");

        given().get("/?q=" + "x".repeat(101)).then().statusCode(400);
        Document many =
                parse(given().get("/?q=big").then().statusCode(200).extract().asString());
        assertThat(services(many)).hasSize(500);
        assertThat(many.selectFirst("nav.pager a[rel=next]").attr("href")).isEqualTo("?q=big&page=2");
    }
}
