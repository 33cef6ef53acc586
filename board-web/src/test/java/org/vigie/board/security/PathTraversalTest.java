package org.vigie.board.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Dot segments, encoded or not, in slugs and static paths: a 404 or a 400, never a file of the app or the host. */
@QuarkusTest
class PathTraversalTest extends AdminTest {

    /** What a file reached by traversal would show: the app's settings, the host's users, a class file. */
    static final List<String> LEAKS =
            List.of("quarkus.datasource", "encryption-key", "root:x:0:0", "[boot loader]", "\u00ca\u00fe\u00ba\u00be");

    static final List<String> TRAVERSALS = List.of(
            "..%2F..%2Fetc%2Fpasswd",
            "..%2f..%2f..%2f..%2fetc%2fpasswd",
            "%2e%2e%2f%2e%2e%2fapplication.properties",
            "..%252F..%252Fapplication.properties",
            "..%5C..%5Capplication.properties",
            "%2e%2e/%2e%2e/application.properties",
            "..;/..;/application.properties",
            "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
            "....//....//application.properties",
            "..%00/application.properties",
            "%2Fetc%2Fpasswd");

    @Test
    void slugsAndStaticPathsNeverServeAFile() {
        data.service("web", "https://web.example.org/");
        AdminFixtures.Session session = AdminFixtures.login();
        for (String t : TRAVERSALS) {
            for (String path : List.of(
                    "/services/" + t,
                    "/services/web/" + t,
                    "/service-lists/" + t,
                    "/badge/" + t + ".svg",
                    "/api/v1/services/" + t,
                    "/api/v1/statuses/" + t,
                    "/icons/" + t,
                    "/icons/../../" + t,
                    "/" + t,
                    "/board.css/" + t)) {
                assertRefused(path, given().urlEncodingEnabled(false).get(path));
            }
            for (String path : List.of("/admin/services/" + t, "/admin/groups/" + t + "/edit")) {
                assertRefused(path, session.given().urlEncodingEnabled(false).get(path));
            }
            assertRefused("admin api " + t, api().urlEncodingEnabled(false).get("/admin/api/v1/services/" + t));
        }
        for (String path : List.of(
                "/icons/../../application.properties",
                "/icons/../application.properties",
                "/icons/%2e%2e/%2e%2e/application.properties",
                "/badge/..%2f.svg",
                "/badge/..%2F..%2Fapplication.properties.svg",
                "/badge/%2e%2e.svg",
                "/application.properties",
                "/META-INF/resources/board.css",
                "/org/vigie/board/site/rest/BoardPages.class",
                "/templates/layout.html",
                "/db/migration/V1__schema.sql")) {
            assertRefused(path, given().urlEncodingEnabled(false).get(path));
        }
        // the real files and slugs still answer
        given().get("/icons/clock.svg").then().statusCode(200);
        given().get("/badge/web.svg").then().statusCode(200);
        given().get("/services/web").then().statusCode(200);
    }

    private static void assertRefused(String path, Response r) {
        if (r.statusCode() == 303) { // the admin's forms send an unknown slug back to their list
            assertThat(r.header("Location")).as(path).doesNotContain("..").contains("/admin/");
        } else {
            assertThat(r.statusCode()).as(path).isIn(400, 404);
        }
        String body = r.asString();
        for (String leak : LEAKS) {
            assertThat(body).as(path).doesNotContain(leak);
        }
    }
}
