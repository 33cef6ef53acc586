package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The visitor's page: the headline, the day bars' labels, folding groups, the branding admins set. */
@QuarkusTest
class VisitorPageTest extends AdminTest {

    @Inject
    PublicData publicData;

    private static Document board(String query) {
        return Jsoup.parse(
                given().get("/" + query).then().statusCode(200).extract().asString());
    }

    private static void post(String slug, String status) {
        api().contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\",\"message\":\"posted by the test\"}")
                .post("/admin/api/v1/services/" + slug + "/events")
                .then()
                .statusCode(201);
    }

    private long openIncident(String title, String impact, String slug, Instant at) {
        return api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        title,
                        "impact",
                        impact,
                        "services",
                        Map.of(slug, "major-outage"),
                        "message",
                        "Looking into it.",
                        "timestamp",
                        at.toString()))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    @Test
    void theHeadlineFollowsTheServicesAndTheOpenIncidents() {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        post("web", "up");
        post("db", "up");
        Element ok = board("").selectFirst("section.headline");
        assertThat(ok.attr("data-headline")).isEqualTo("operational");
        assertThat(ok.text()).isEqualTo("All systems operational");

        post("db", "down");
        Element partial = board("").selectFirst("section.headline");
        assertThat(partial.attr("data-headline")).isEqualTo("partial");
        assertThat(partial.text()).contains("Partial outage", "1 of 2 services affected");
        assertThat(board("?lang=fr").selectFirst("section.headline").text()).contains("Panne partielle");

        long fire = openIncident("Everything is on fire", "critical", "web", Instant.now());
        assertThat(board("").selectFirst("section.headline").attr("data-headline"))
                .isEqualTo("major");

        post("db", "unknown");
        post("web", "up");
        // the incident still stands; once resolved, an Unknown service keeps the board from claiming all is well
        api().delete("/admin/api/v1/incidents/" + fire).then().statusCode(200);
        Element unknown = board("").selectFirst("section.headline");
        assertThat(unknown.attr("data-headline")).isEqualTo("unknown");
        assertThat(unknown.text()).doesNotContain("operational");
    }

    @Test
    void aDayBarTellsItsDayUptimeAndIncidents() {
        long web = data.service("web", "https://web.example.org/");
        data.backdate(web, Instant.now().minus(30, ChronoUnit.DAYS));
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        publicData.daily(web, yesterday, 1000, 995, 0, 5);
        openIncident("Checkout errors", "major", "web", yesterday.atTime(12, 0).toInstant(ZoneOffset.UTC));

        String page = given().get("/?tz=UTC").asString();
        Element bar = PublicPages.row(page, "web")
                .selectFirst(
                        "td.day > a[href=/services/web/" + yesterday.toString().replace('-', '/') + "]");
        assertThat(bar).isNotNull();
        assertThat(bar.attr("title"))
                .contains("uptime 99.50%", "incident: Checkout errors")
                .doesNotContain("UTC day");
        assertThat(bar.text()).as("no text: the title is its name").isEmpty();

        String paris = given().get("/?tz=Europe/Paris").asString();
        assertThat(PublicPages.row(paris, "web")
                        .selectFirst("td.day > a[href=/services/web/"
                                + yesterday.toString().replace('-', '/') + "]")
                        .attr("title"))
                .as("the rollups are by UTC day: the label says so elsewhere")
                .contains("(UTC day)");
    }

    @Test
    void aGroupFoldsWithoutJavaScriptAndKeepsItsSummary() {
        long api = publicData.group("api", "API", 1);
        long a = publicData.service("rest", "REST", api, 0, Instant.now().minus(2, ChronoUnit.DAYS));
        publicData.service("grpc", "gRPC", api, 1, Instant.now().minus(2, ChronoUnit.DAYS));
        publicData.event(a, "down", "broken", Instant.now().minusSeconds(60));

        Element group = board("").selectFirst("tr.group th");
        Element fold = group.selectFirst("input.fold[type=checkbox]");
        assertThat(fold).isNotNull();
        assertThat(group.selectFirst("label.fold-mark").attr("for")).isEqualTo(fold.id());
        assertThat(fold.attr("aria-label")).isEqualTo("Hide or show API");
        Element sum = group.selectFirst(".group-sum");
        assertThat(sum.attr("data-status")).isEqualTo("down");
        assertThat(sum.text()).contains("Down", "1 of 2 services affected");
    }

    @Test
    void theAccentColourAndFooterLinksComeFromTheSettings() {
        assertThat(board("").select("link[href=/brand.css]"))
                .as("no accent, no extra sheet")
                .isEmpty();
        AdminFixtures.Session session = AdminFixtures.login();
        session.form()
                .formParam("name", "Acme status")
                .formParam("historyDays", "90")
                .formParam("timeZone", "UTC")
                .formParam("accentColor", "#AA3300")
                .formParam("footerLinks", "Support | https://help.example.org\nPrivacy | https://example.org/privacy")
                .post("/admin/settings")
                .then()
                .statusCode(303);

        Document page = board("");
        assertThat(page.select("link[href=/brand.css]")).hasSize(1);
        given().get("/brand.css")
                .then()
                .statusCode(200)
                .contentType(containsString("text/css"))
                .body(equalTo(":root { --accent: #aa3300; }\n"));
        assertThat(page.select("footer nav.footer-links a"))
                .extracting(e -> e.text() + " " + e.attr("href"))
                .containsExactly("Support https://help.example.org", "Privacy https://example.org/privacy");
        assertThat(page.selectFirst("header.top").text()).contains("Acme status");
    }

    @Test
    void badBrandingIsRefusedNamingTheField() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.form()
                .formParam("name", "Acme status")
                .formParam("historyDays", "7")
                .formParam("timeZone", "UTC")
                .formParam("accentColor", "red; background: url(x)")
                .post("/admin/settings")
                .then()
                .statusCode(400)
                .body(containsString("accentColor must be a colour as #rrggbb"));
        session.form()
                .formParam("name", "Acme status")
                .formParam("historyDays", "7")
                .formParam("timeZone", "UTC")
                .formParam("footerLinks", "Evil | javascript:alert(1)")
                .post("/admin/settings")
                .then()
                .statusCode(400)
                .body(containsString("footerLinks must be an http:// or https:// link"));
        session.form()
                .formParam("name", "Acme status")
                .formParam("historyDays", "7")
                .formParam("timeZone", "UTC")
                .formParam("footerLinks", "https://no-label.example.org")
                .post("/admin/settings")
                .then()
                .statusCode(400)
                .body(containsString("footerLinks: each line is"));
        assertThat(board("").selectFirst("header.top").text()).doesNotContain("Acme status");
    }
}
