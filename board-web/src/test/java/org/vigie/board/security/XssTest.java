package org.vigie.board.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Broker;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.settings.SettingsStore;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Script payloads in every field an admin, the API or a worker's result can set, then every page, feed, badge and
 * API read back: HTML must hold no element, attribute or link the payload made; XML no unescaped markup; JSON is
 * served as JSON. Reflected input (a slug, ?next=, ?tz=, ?lang=, ?notice=) likewise.
 */
@QuarkusTest
class XssTest extends AdminTest {

    static final List<String> PAYLOADS = List.of(
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "</title><svg onload=alert(1)>",
            "'\"--><script>alert(1)</script>",
            // entities and look-alikes: must come out as the text they are, never decoded into markup
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "＜script＞\\u003cimg src=x\\u003e <scr<script>ipt>alert(1)");

    /** Raw text that only unescaped markup from a payload could put in a response. */
    static final List<String> MARKUP =
            List.of("<script>alert", "<img src=x", "<svg onload", "<scr<script>", "</title><svg");

    private static Broker broker;

    @Inject
    ObjectMapper json;

    @Inject
    SettingsStore settings;

    @ConfigProperty(name = "vigie.rabbitmq.results-exchange")
    String exchange;

    @ConfigProperty(name = "vigie.rabbitmq.results-routing-key")
    String routingKey;

    @BeforeAll
    static void connect() throws Exception {
        broker = new Broker();
        Awaitility.pollInSameThread();
    }

    @AfterAll
    static void disconnect() throws Exception {
        broker.close();
    }

    @Test
    void storedPayloadsAreEscapedOnEveryPageFeedBadgeAndApi() throws Exception {
        AdminFixtures.Session session = AdminFixtures.login();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of("name", p, "slug", "g" + i, "description", p)))
                    .post("/admin/api/v1/service-lists")
                    .then()
                    .statusCode(201);
            api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of(
                            "name", p, "slug", "s" + i, "description", p, "severity", "warning", "image", "clock")))
                    .post("/admin/api/v1/statuses")
                    .then()
                    .statusCode(201);
            api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of(
                            "name",
                            p,
                            "slug",
                            "x" + i,
                            "description",
                            p,
                            "group",
                            "g" + i,
                            "target",
                            "https://shop.example.org/",
                            "fullReasonsPublic",
                            "true")))
                    .post("/admin/api/v1/services")
                    .then()
                    .statusCode(201);
            long id = data.serviceId("x" + i);
            // a worker's result: its full reason is public for these services, its public reason always is
            Instant at = Instant.now();
            CheckResult result = new CheckResult(
                    UUID.randomUUID().toString(),
                    id,
                    Outcome.DOWN,
                    12,
                    p,
                    p,
                    "test-worker",
                    at.minusMillis(12),
                    at,
                    null,
                    Map.of("url", p));
            broker.publish(exchange, routingKey, "application/json", json.writeValueAsString(result));
            String slug = "x" + i;
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> p.equals(api().get("/admin/api/v1/services/" + slug)
                            .jsonPath()
                            .getString("lastCheck.reason")));
            // an admin's event with the payload status, after the result so it stays the current one
            api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of("status", "s" + i, "message", p)))
                    .post("/admin/api/v1/services/x" + i + "/events")
                    .then()
                    .statusCode(201);
        }
        // incidents: the payload as title, update message, and affecting the payload-named services
        List<Long> incidentIds = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String p = PAYLOADS.get(i);
            long incident = api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of(
                            "title",
                            p,
                            "impact",
                            "major",
                            "services",
                            Map.of("x" + i, "partial-outage"),
                            "message",
                            p)))
                    .post("/admin/api/v1/incidents")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("id");
            api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of("state", "identified", "message", p)))
                    .post("/admin/api/v1/incidents/" + incident + "/updates")
                    .then()
                    .statusCode(201);
            incidentIds.add(incident);
        }
        session.form()
                .formParam("name", PAYLOADS.get(0))
                .post("/admin/tokens")
                .then()
                .statusCode(200);
        session.form()
                .formParam("name", PAYLOADS.get(1))
                .post("/admin/tokens")
                .then()
                .statusCode(200);
        // connection strings, with their options, are shown on the admin pages: raw and percent-encoded payloads
        List<String> targets = List.of(
                "https://shop.example.org/?contains=<script>alert(1)</script>",
                "https://shop.example.org/\"><img src=x onerror=alert(1)>",
                "https://shop.example.org/?contains=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
                        + "&header.X-Test=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
                "javascript:alert(1)");
        List<String> targetSlugs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            int status = api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(Map.of("name", "t" + i, "target", targets.get(i))))
                    .post("/admin/api/v1/services")
                    .statusCode();
            assertThat(status).as(targets.get(i)).isIn(201, 400);
            if (status == 201) {
                targetSlugs.add("t" + i);
            }
        }
        assertThat(targetSlugs)
                .as("some payload-bearing connection string is accepted")
                .isNotEmpty();

        List<String> paths = new ArrayList<>(List.of(
                "/",
                "/summary",
                "/rss",
                "/feed",
                "/status.json",
                "/api/v1/services",
                "/api/v1/statuses",
                "/api/v1/service-lists",
                "/incidents",
                "/incidents?lang=fr",
                "/api/v1/incidents"));
        for (long incident : incidentIds) {
            paths.addAll(List.of("/incidents/" + incident, "/api/v1/incidents/" + incident));
        }
        for (int i = 0; i < PAYLOADS.size(); i++) {
            paths.addAll(List.of(
                    "/service-lists/g" + i,
                    "/services/x" + i,
                    "/rss?services=x" + i,
                    "/feed?services=x" + i,
                    "/badge/x" + i + ".svg",
                    "/api/v1/services/x" + i,
                    "/api/v1/services/x" + i + "/events",
                    "/api/v1/services/x" + i + "/events/current",
                    "/api/v1/statuses/s" + i,
                    "/api/v1/service-lists/g" + i));
        }
        for (String path : paths) {
            Response r = given().get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertSafe(path, r);
        }
        // the payloads did get in: the checks above read them, escaped
        assertThat(given().get("/services/x0").asString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(given().get("/").asString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(given().get("/incidents/" + incidentIds.get(0)).asString())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(given().get("/rss").asString()).contains("Identified] &lt;script&gt;alert(1)");
        assertThat(given().get("/api/v1/services/x0").jsonPath().getString("name"))
                .isEqualTo(PAYLOADS.get(0));

        List<String> adminPaths = new ArrayList<>(List.of(
                "/admin/services",
                "/admin/groups",
                "/admin/statuses",
                "/admin/tokens",
                "/admin/settings",
                "/admin/incidents",
                "/admin/incidents/new"));
        for (long incident : incidentIds) {
            adminPaths.add("/admin/incidents/" + incident);
        }
        for (int i = 0; i < PAYLOADS.size(); i++) {
            adminPaths.addAll(List.of(
                    "/admin/services/x" + i,
                    "/admin/services/x" + i + "/edit",
                    "/admin/groups/g" + i + "/edit",
                    "/admin/statuses/s" + i + "/edit"));
        }
        for (String slug : targetSlugs) {
            adminPaths.addAll(List.of("/admin/services/" + slug, "/admin/services/" + slug + "/edit"));
        }
        for (String path : adminPaths) {
            Response r = session.given().get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertSafe(path, r);
        }
        for (String path : List.of("/admin/api/v1/services", "/admin/api/v1/services/x1", "/admin/api/v1/statuses")) {
            assertSafe(path, api().get(path));
        }
    }

    @Test
    void theBoardsNameIsEscapedWhereverItShows() {
        AdminFixtures.Session session = AdminFixtures.login();
        data.service("web", "https://web.example.org/");
        for (String p : PAYLOADS) {
            session.form()
                    .formParam("name", p)
                    .formParam("historyDays", "7")
                    .formParam("timeZone", "UTC")
                    .post("/admin/settings")
                    .then()
                    .statusCode(303);
            for (String path : List.of("/", "/summary", "/services/web", "/rss", "/feed", "/status.json")) {
                assertSafe(path + " named " + p, given().get(path));
            }
            assertSafe("/admin/settings named " + p, session.given().get("/admin/settings"));
        }
    }

    @Test
    void linksOtherThanWebLinksAreRefusedNamingTheField() {
        AdminFixtures.Session session = AdminFixtures.login();
        for (String link : List.of(
                "javascript:alert(1)",
                " JavaScript:alert(1)",
                "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "vbscript:msgbox(1)",
                "//evil.example/x.png")) {
            for (String field : List.of("logoUrl", "reportUrl")) {
                session.form()
                        .formParam("name", "Vigie")
                        .formParam("historyDays", "7")
                        .formParam("timeZone", "UTC")
                        .formParam(field, link)
                        .post("/admin/settings")
                        .then()
                        .statusCode(400)
                        .body(containsString(field));
            }
        }
        // a web link that would break out of its attribute is no valid link either
        for (String[] attempt : new String[][] {
            {"logoUrl", "https://img.example.org/logo.png?a=\"><script>alert(1)</script>"},
            {"reportUrl", "https://help.example.org/?q='\"><img src=x onerror=alert(1)>"}
        }) {
            session.form()
                    .formParam("name", "Vigie")
                    .formParam("historyDays", "7")
                    .formParam("timeZone", "UTC")
                    .formParam(attempt[0], attempt[1])
                    .post("/admin/settings")
                    .then()
                    .statusCode(400)
                    .body(containsString(attempt[0]));
        }
        given().get("/").then().statusCode(200);
        assertThat(settings.current().logoUrl).isNull();
        assertThat(settings.current().reportUrl).isNull();
    }

    @Test
    void reflectedInputIsEscaped() {
        data.service("web", "https://web.example.org/");
        AdminFixtures.Session session = AdminFixtures.login();
        for (String p : PAYLOADS) {
            String q = java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8);
            for (String path : List.of(
                    "/services/" + q,
                    "/service-lists/" + q,
                    "/badge/" + q + ".svg",
                    "/api/v1/services/" + q,
                    "/?tz=" + q,
                    "/?lang=" + q,
                    "/services/web?page=" + q,
                    "/rss?services=" + q,
                    "/feed?services=" + q,
                    "/incidents/" + q,
                    "/incidents?page=" + q,
                    "/api/v1/incidents?cursor=" + q,
                    "/admin/login?next=" + q)) {
                Response r = given().urlEncodingEnabled(false).get(path);
                assertThat(r.statusCode()).as(path).isLessThan(500);
                assertSafe(path, r);
            }
            for (String path : List.of("/admin/services?notice=" + q, "/admin/services/" + q)) {
                Response r = session.given().urlEncodingEnabled(false).get(path);
                assertThat(r.statusCode()).as(path).isLessThan(500);
                assertSafe(path, r);
            }
        }
    }

    /** The response holds nothing a payload could have made into markup, whatever its type. */
    static void assertSafe(String what, Response r) {
        String body = r.asString();
        String type = r.contentType() == null ? "" : r.contentType().toLowerCase(Locale.ROOT);
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        if (type.contains("json") || type.startsWith("text/plain")) {
            // data, not markup: with nosniff a browser never renders JSON or plain text as a page
            return;
        }
        for (String markup : MARKUP) {
            assertThat(body).as("%s (%s)", what, type).doesNotContainIgnoringCase(markup);
        }
        if (type.contains("html")) {
            assertHtmlSafe(what, Jsoup.parse(body));
        }
    }

    static void assertHtmlSafe(String what, Document page) {
        for (Element script : page.select("script")) {
            assertThat(script.data().trim()).as("%s: inline script", what).isEmpty();
            assertThat(script.attr("src")).as(what).startsWith("/");
        }
        assertThat(page.select("img[src=x], svg[onload], iframe, object, embed"))
                .as(what)
                .isEmpty();
        for (Element e : page.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("%s: attribute of <%s>", what, e.tagName()).doesNotStartWith("on");
                if (List.of("href", "src", "action", "formaction", "xlink:href").contains(name)) {
                    String value =
                            a.getValue().replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
                    assertThat(value)
                            .as("%s: %s of <%s>", what, name, e.tagName())
                            .doesNotStartWith("javascript:");
                    assertThat(value)
                            .as("%s: %s of <%s>", what, name, e.tagName())
                            .doesNotStartWith("data:text");
                    assertThat(value)
                            .as("%s: %s of <%s>", what, name, e.tagName())
                            .doesNotStartWith("vbscript:");
                }
            }
        }
    }
}
