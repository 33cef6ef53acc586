package org.vigie.board.site.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.site.PublicData;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The database goes away under a running board (a proxy in front of it is cut): the public pages, feeds and API
 * answer their last good copy at once, marked stale; an address never answered before gets a 503 page, not a stack
 * trace; readiness fails meanwhile; and when the database is back the answers are fresh again.
 */
@QuarkusTest
@TestProfile(DatabaseAwayTest.BehindProxy.class)
class DatabaseAwayTest {

    /** The test database (application.properties' %test URL) reached through {@link DatabaseProxy}. */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = DatabaseProxy.port("127.0.0.1", 3306);
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:mysql://127.0.0.1:" + port + "/vigie_board_test?createDatabaseIfNotExist=true"
                            + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                            + "&rewriteBatchedStatements=true");
        }
    }

    private static final Duration WITHIN = Duration.ofSeconds(20);
    /** Well under the pool's 5 s wait for a connection: a stale answer must not wait for the database. */
    private static final long QUICK_MILLIS = 3_000;

    @Inject
    PublicData data;

    @Inject
    LastGoodPages pages;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @BeforeEach
    void board() {
        DatabaseProxy.restore();
        data.clear();
        long web = data.service("web", "Web", null, 0, Instant.parse("2026-10-01T00:00:00Z"));
        data.event(web, "down", "web is down", Instant.now().minusSeconds(3600));
        pages.clear();
    }

    @AfterEach
    void databaseBack() {
        DatabaseProxy.restore(); // the next tests' database, whatever happened here
    }

    @Test
    void pagesFeedsAndApiAnswerTheirLastGoodCopyWhileTheDatabaseIsAway() {
        String board = fresh("/", "en");
        String boardFr = fresh("/", "fr");
        String api = fresh("/api/v1/services", "en");
        String rss = fresh("/rss", "en");
        String status = fresh("/status.json", "en");
        String paris = fresh("/?tz=Europe/Paris", "en"); // sets the zone's cookie: kept, never replayed
        assertThat(board).contains(StaleAnswers.MARKER).contains("Web").doesNotContain("class=\"stale-note\"");
        assertThat(pages.count()).isEqualTo(6);

        DatabaseProxy.cut();

        Response page = await().atMost(WITHIN).until(() -> get("/", "en"), r -> r.getHeader("X-Vigie-Stale") != null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.getHeader("Warning")).isEqualTo("110 - \"Response is Stale\"");
        assertThat(page.getHeader("X-Vigie-Stale")).startsWith("as-of=");
        String stale = page.asString();
        assertThat(stale)
                .contains("<p class=\"stale-note\" role=\"status\">")
                .containsPattern("Status as of \\d\\d:\\d\\d UTC: the board cannot reach its database; what follows"
                        + " may be out of date.")
                .doesNotContain(StaleAnswers.MARKER);
        // the same page, the note in place of the marker
        assertThat(withoutNote(stale)).isEqualTo(board.replace(StaleAnswers.MARKER, ""));

        Response french = quick("/", "fr");
        assertThat(french.statusCode()).isEqualTo(200);
        assertThat(french.asString())
                .contains("État au ")
                .contains("le tableau ne peut pas joindre sa base de données");
        assertThat(withoutNote(french.asString())).isEqualTo(boardFr.replace(StaleAnswers.MARKER, ""));

        Response json = quick("/api/v1/services", "en");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.asString()).isEqualTo(api);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.getHeader("X-Vigie-Stale")).startsWith("as-of=");
        assertThat(json.getHeader("Warning")).isEqualTo("110 - \"Response is Stale\"");
        assertThat(json.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(json.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");

        Response feed = quick("/rss", "en");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.asString()).isEqualTo(rss);
        assertThat(feed.contentType()).startsWith("application/rss+xml");
        assertThat(feed.getHeader("X-Vigie-Stale")).startsWith("as-of=");

        Response embed = quick("/status.json", "en");
        assertThat(embed.statusCode()).isEqualTo(200);
        assertThat(embed.asString()).isEqualTo(status);
        assertThat(embed.getHeader("X-Vigie-Stale")).startsWith("as-of=");

        Response inParis = quick("/?tz=Europe/Paris", "en");
        assertThat(inParis.statusCode()).isEqualTo(200);
        assertThat(inParis.asString()).containsPattern("Status as of \\d\\d:\\d\\d CES?T: ");
        assertThat(withoutNote(inParis.asString())).isEqualTo(paris.replace(StaleAnswers.MARKER, ""));
        assertThat(inParis.getHeader("Set-Cookie")).isNull();

        // nothing kept for these: the board's error page and the API's error, saying why
        Response never = quick("/summary", "en");
        assertThat(never.statusCode()).isEqualTo(503);
        assertThat(never.contentType()).startsWith("text/html");
        assertThat(never.asString())
                .contains("<h1>Database unreachable</h1>")
                .contains("cannot reach its database")
                .doesNotContain("Exception")
                .doesNotContain("at org.");
        Response neverApi = quick("/api/v1/statuses", "en");
        assertThat(neverApi.statusCode()).isEqualTo(503);
        assertThat(neverApi.jsonPath().getString("message")).isEqualTo("the board's database is unreachable");

        // the board is not ready meanwhile (its database health check), but it answers
        await().atMost(WITHIN)
                .untilAsserted(() -> given().baseUri(managementBase())
                        .get("/q/health/ready")
                        .then()
                        .statusCode(503));

        DatabaseProxy.restore();

        Response back = await().atMost(WITHIN).until(() -> get("/", "en"), r -> r.getHeader("X-Vigie-Stale") == null);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.asString()).contains(StaleAnswers.MARKER).doesNotContain("class=\"stale-note\"");
        assertThat(get("/summary", "en").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/services", "en").getHeader("X-Vigie-Stale")).isNull();
    }

    @Test
    void theAdminIsNeverAnsweredFromACopy() {
        DatabaseProxy.cut();
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(get("/summary", "en").statusCode()).isEqualTo(503));
        Response admin = given().header("Authorization", "Bearer " + AdminTest.TOKEN)
                .redirects()
                .follow(false)
                .get("/admin/api/v1/services/web");
        assertThat(admin.getHeader("X-Vigie-Stale")).isNull();
        assertThat(admin.statusCode()).isGreaterThanOrEqualTo(500);
    }

    private static String fresh(String path, String lang) {
        Response r = get(path, lang);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.getHeader("X-Vigie-Stale")).as(path).isNull();
        return r.asString();
    }

    private static Response quick(String path, String lang) {
        long start = System.nanoTime();
        Response r = get(path, lang);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("milliseconds to answer %s", path)
                .isLessThan(QUICK_MILLIS);
        return r;
    }

    private static Response get(String path, String lang) {
        return given().header("Accept-Language", lang).get(path);
    }

    private static String withoutNote(String html) {
        return html.replaceFirst("(?s)<p class=\"stale-note\".*?</p>\n?", "");
    }

    private String managementBase() {
        return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
    }
}
