package org.vigie.board.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * SQL metacharacters in every filter, slug and paging parameter of the public pages, the public API and the admin:
 * each answer is a clean 4xx or a normal page, never a 500, never more than what was asked; the data stays whole.
 */
@QuarkusTest
class SqlMetacharactersTest extends AdminTest {

    static final List<String> INJECTIONS = List.of(
            "' OR 1=1 --",
            "' OR '1'='1",
            "\"; DROP TABLE services; --",
            "web'; DELETE FROM events; --",
            "web' UNION SELECT password_hash FROM admin_users --",
            "1; SELECT SLEEP(5)",
            "web%' OR slug LIKE '%",
            "\\' OR 1=1 #",
            "web,' OR 1=1 --,other",
            "-1",
            "99999999999999999999",
            "1e400",
            "0x7FFFFFFF");

    @Inject
    Tables tables;

    @Test
    void everyParameterTakesMetacharactersAsText() {
        data.service("web", "https://web.example.org/");
        data.service("hidden", "https://hidden.example.org/");
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Team\",\"slug\":\"team\"}")
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"status\":\"down\",\"message\":\"Mail is down\"}")
                .post("/admin/api/v1/services/web/events")
                .then()
                .statusCode(201);
        AdminFixtures.Session session = AdminFixtures.login();
        Map<String, String> before = tables.snapshot();

        for (String injection : INJECTIONS) {
            String q = URLEncoder.encode(injection, StandardCharsets.UTF_8);
            String slug = URLEncoder.encode(injection, StandardCharsets.UTF_8).replace("+", "%20");
            for (String path : List.of(
                    "/?tz=" + q,
                    "/?lang=" + q,
                    "/summary?tz=" + q,
                    "/rss?services=" + q,
                    "/feed?services=" + q,
                    "/services/" + slug,
                    "/services/web?page=" + q,
                    "/services/web/" + slug,
                    "/service-lists/" + slug,
                    "/badge/" + slug + ".svg",
                    "/api/v1/services/" + slug,
                    "/api/v1/services/" + slug + "/events",
                    "/api/v1/services/web/events?start=" + q,
                    "/api/v1/services/web/events?end=" + q,
                    "/api/v1/services/web/events?limit=" + q,
                    "/api/v1/services/web/events/" + slug,
                    "/api/v1/statuses/" + slug,
                    "/api/v1/service-lists/" + slug)) {
                Response r = given().urlEncodingEnabled(false).get(path);
                assertClean(path, r);
            }
            for (String path : List.of(
                    "/admin/services/" + slug,
                    "/admin/services/" + slug + "/edit",
                    "/admin/groups/" + slug + "/edit",
                    "/admin/statuses/" + slug + "/edit",
                    "/admin/services?notice=" + q)) {
                assertClean(path, session.given().urlEncodingEnabled(false).get(path));
            }
            for (String path : List.of(
                    "/admin/api/v1/services/" + slug,
                    "/admin/api/v1/statuses/" + slug,
                    "/admin/api/v1/service-lists/" + slug)) {
                assertClean(path, api().urlEncodingEnabled(false).get(path));
            }
            // the feeds filter by slug: a metacharacter list never widens it to other services
            assertThat(given().urlEncodingEnabled(false)
                            .get("/rss?services=" + q)
                            .asString())
                    .doesNotContain("hidden");
            // and writes through the admin API take them as text, or refuse them naming the field
            Response created = api().contentType(ContentType.JSON)
                    .body(Map.of("name", injection.length() > 60 ? injection.substring(0, 60) : injection))
                    .post("/admin/api/v1/service-lists");
            assertThat(created.statusCode()).as("group named %s", injection).isIn(201, 400, 409);
        }
        // nothing the reads did changed a row; the groups the writes made (and their audit entries) are the only new
        // rows
        Map<String, String> after = tables.snapshot();
        after.remove("service_groups");
        after.remove("audit_log");
        Map<String, String> expected = new java.util.LinkedHashMap<>(before);
        expected.remove("service_groups");
        expected.remove("audit_log");
        assertThat(after).isEqualTo(expected);
        assertThat(tables.count("services")).isEqualTo(2);
        assertThat(tables.count("admin_users")).isEqualTo(1);
        given().get("/api/v1/services").then().statusCode(200);
        assertThat(given().get("/rss?services=web").asString()).contains("Mail is down");
    }

    private static void assertClean(String path, Response r) {
        assertThat(r.statusCode()).as("%s: %s", path, r.asString()).isLessThan(500);
        String body = r.asString().toLowerCase(java.util.Locale.ROOT);
        for (String leak : List.of("sqlexception", "syntax error", "sqlgrammar", "mariadb", "hibernate", "$2a$")) {
            assertThat(body).as(path).doesNotContain(leak);
        }
    }
}
