package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Results;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A check's full reason names the target (an address, a URL, a host name): results published to the real broker,
 * then every public surface read for it, and the admin's page and API for the full reason. An admin may show a
 * service's full reasons publicly.
 */
@QuarkusTest
class PublicReasonsTest extends AdminTest {

    @Inject
    Results results;

    static final String FULL = "bad redirect to https://internal.example/login (resolved 10.0.3.7)";
    static final String PUBLIC = "bad redirect";
    /** What the full reason holds and the public must never read. */
    static final List<String> SECRETS = List.of("10.0.3.7", "internal.example", "https://internal.example/login");

    @BeforeAll
    static void connect() throws Exception {
        Awaitility.pollInSameThread(); // conditions read through Panache, which needs the test's request context
    }

    @Test
    void theFullReasonStaysWithAdmins() throws Exception {
        failing("shop");

        for (String page : publicSurfaces("shop")) {
            for (String secret : SECRETS) {
                assertThat(page)
                        .as("public page %s", page.substring(0, Math.min(80, page.length())))
                        .doesNotContain(secret);
            }
        }
        assertThat(given().get("/services/shop").asString()).contains(PUBLIC);
        assertThat(given().get("/").asString()).contains("title=\"" + PUBLIC + "\"");
        given().get("/api/v1/services/shop").then().statusCode(200).body("last-check.reason", equalTo(PUBLIC));
        given().get("/api/v1/services/shop/events").then().statusCode(200).body("events[0].message", equalTo(PUBLIC));
        assertThat(given().get("/rss").asString()).contains(PUBLIC);

        AdminFixtures.Session session = AdminFixtures.login();
        String adminPage = session.given()
                .get("/admin/services/shop")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(adminPage).contains("<span id=\"last-reason\">" + FULL + "</span>");
        assertThat(adminPage).contains("<span id=\"last-public-reason\">" + PUBLIC + "</span>");
        assertThat(adminPage).contains("https://internal.example/login"); // the evidence's url, too
        api().get("/admin/api/v1/services/shop")
                .then()
                .statusCode(200)
                .body("fullReasonsPublic", equalTo(false))
                .body("lastCheck.outcome", equalTo("DOWN"))
                .body("lastCheck.reason", equalTo(FULL))
                .body("lastCheck.publicReason", equalTo(PUBLIC));
    }

    @Test
    void anAdminMayShowAServicesFullReasonsPublicly() throws Exception {
        failing("shop");

        api().contentType(ContentType.JSON)
                .body("{\"fullReasonsPublic\":true}")
                .post("/admin/api/v1/services/shop")
                .then()
                .statusCode(200)
                .body("fullReasonsPublic", equalTo(true));
        given().get("/api/v1/services/shop").then().statusCode(200).body("last-check.reason", equalTo(FULL));
        given().get("/api/v1/services/shop/events").then().statusCode(200).body("events[0].message", equalTo(FULL));
        assertThat(given().get("/services/shop").asString()).contains(FULL);
        assertThat(given().get("/rss").asString()).contains("https://internal.example/login");

        // the edit form's checkbox, left unticked, turns it off again
        AdminFixtures.Session session = AdminFixtures.login();
        assertThat(session.given().get("/admin/services/shop/edit").asString())
                .contains("name=\"fullReasonsPublic\" value=\"true\" checked");
        session.form()
                .formParam("name", "shop")
                .formParam("target", "https://shop.example.org/")
                .formParam("interval", "60")
                .post("/admin/services/shop")
                .then()
                .statusCode(303);
        api().get("/admin/api/v1/services/shop").then().body("fullReasonsPublic", equalTo(false));
        for (String page : publicSurfaces("shop")) {
            assertThat(page).doesNotContain("internal.example");
        }
        session.form()
                .formParam("name", "shop")
                .formParam("target", "https://shop.example.org/")
                .formParam("interval", "60")
                .formParam("fullReasonsPublic", "true")
                .post("/admin/services/shop")
                .then()
                .statusCode(303);
        api().get("/admin/api/v1/services/shop").then().body("fullReasonsPublic", equalTo(true));
    }

    @Test
    void aFlagThatIsNotOneIsRefusedNamingTheField() {
        data.service("shop", "https://shop.example.org/");
        api().contentType(ContentType.JSON)
                .body("{\"fullReasonsPublic\":\"maybe\"}")
                .post("/admin/api/v1/services/shop")
                .then()
                .statusCode(400)
                .body("message", containsString("fullReasonsPublic \"maybe\" is not true or false"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Other\",\"fullReasonsPublic\":\"1 \"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201)
                .body("fullReasonsPublic", equalTo(true));
    }

    @Test
    void aResultFromAWorkerThatPredatesPublicReasonsShowsItsOutcomesWord() throws Exception {
        long id = data.service("legacy", "https://shop.example.org/");
        for (int i = 0; i < 2; i++) {
            Instant at = Instant.now();
            results.publishRaw(
                    "application/json",
                    "{\"taskId\":\"" + UUID.randomUUID() + "\",\"serviceId\":" + id
                            + ",\"outcome\":\"DOWN\",\"latencyMillis\":12,\"reason\":\"" + FULL + "\","
                            + "\"workerId\":\"old-worker\",\"startedAt\":\"" + at.minusMillis(12) + "\","
                            + "\"finishedAt\":\"" + at + "\",\"issuedAt\":\"" + at.minusMillis(20) + "\"}");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 1);
        given().get("/api/v1/services/legacy")
                .then()
                .body("last-check.reason", equalTo("Down"))
                .body("status.id", equalTo("down"));
        given().get("/api/v1/services/legacy/events").then().body("events[0].message", equalTo("Down"));
        api().get("/admin/api/v1/services/legacy").then().body("lastCheck.reason", equalTo(FULL));
    }

    /** A service whose checks fail twice with {@link #FULL}: Down, with one event. */
    private void failing(String slug) throws Exception {
        long id = data.service(slug, "https://shop.example.org/");
        for (int i = 0; i < 2; i++) {
            Instant at = Instant.now();
            CheckResult result = new CheckResult(
                    UUID.randomUUID().toString(),
                    id,
                    Outcome.DOWN,
                    12,
                    FULL,
                    PUBLIC,
                    "test-worker",
                    at.minusMillis(12),
                    at,
                    at.minusMillis(20),
                    Map.of("url", "https://internal.example/login", "address", "10.0.3.7"));
            results.publish(result);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 1);
        assertThat(data.eventsOf(id).get(0).message()).isEqualTo(FULL);
    }

    /** Everything the public may read of a service: pages, summary, API, feeds, embeds. */
    private static List<String> publicSurfaces(String slug) {
        return List.of(
                        "/",
                        "/summary",
                        "/services/" + slug,
                        "/api/v1/services",
                        "/api/v1/services/" + slug,
                        "/api/v1/services/" + slug + "/events",
                        "/api/v1/services/" + slug + "/events/current",
                        "/rss",
                        "/feed",
                        "/status.json",
                        "/badge/" + slug + ".svg")
                .stream()
                .map(path -> given().get(path).then().statusCode(200).extract().asString())
                .toList();
    }
}
