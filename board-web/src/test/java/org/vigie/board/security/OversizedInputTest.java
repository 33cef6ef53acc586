package org.vigie.board.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.settings.SettingsStore;
import org.vigie.board.web.InvalidInput;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Bodies, headers and fields far over their limits are refused, and the board goes on answering. */
@QuarkusTest
class OversizedInputTest extends AdminTest {

    @Inject
    Tables tables;

    @Inject
    ObjectMapper json;

    @Inject
    SettingsStore settings;

    @Test
    void aTwentyMegabyteBodyIsRefusedAndTheBoardStaysUp() throws Exception {
        char[] filler = new char[20 * 1024 * 1024];
        Arrays.fill(filler, 'a');
        String huge = new String(filler);
        long services = tables.count("services");

        assertRefusedOrCut(() -> api().contentType(ContentType.JSON)
                .body("{\"name\":\"" + huge + "\"}")
                .post("/admin/api/v1/services"));
        AdminFixtures.Session session = AdminFixtures.login();
        assertRefusedOrCut(() -> session.form().formParam("name", huge).post("/admin/settings"));
        assertRefusedOrCut(() -> given().contentType(ContentType.URLENC)
                .formParam("username", huge)
                .formParam("password", "x")
                .post("/admin/login"));
        assertRefusedOrCut(() -> given().contentType("text/plain").body(huge).post("/"));

        assertThat(tables.count("services")).isEqualTo(services);
        given().get("/").then().statusCode(200);
        given().get("/api/v1/services").then().statusCode(200);
    }

    /**
     * One of the refusing statuses (413 unless named), or the connection closed once the server has said so: the
     * server does not read what it refuses, so the client may still be writing when the answer comes.
     */
    private static void assertRefusedOrCut(java.util.function.Supplier<Response> post, Integer... statuses) {
        try {
            assertThat(post.get().statusCode())
                    .isIn((Object[]) (statuses.length == 0 ? new Integer[] {413} : statuses));
        } catch (Exception e) { // RestAssured rethrows the socket's IOException undeclared
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof java.net.SocketException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOf(java.net.SocketException.class);
        }
    }

    @Test
    void aHugeHeaderIsRefusedAndTheBoardStaysUp() {
        String big = "x".repeat(64 * 1024);
        assertRefusedOrCut(() -> given().header("X-Filler", big).get("/"), 400, 413, 431);
        assertRefusedOrCut(() -> given().cookie("vigie-admin", big).get("/admin/services"), 400, 413, 431);
        // a long request line, too
        assertRefusedOrCut(() -> given().get("/services/" + "a".repeat(64 * 1024)), 400, 404, 414, 431);
        given().get("/").then().statusCode(200);
    }

    @Test
    void anOversizedFieldIsRefusedNamingIt() throws Exception {
        data.service("web", "https://web.example.org/");
        String longText = "n".repeat(5000);
        Map<String, Map<String, String>> creates = Map.of(
                "/admin/api/v1/services", Map.of("name", longText),
                "/admin/api/v1/service-lists", Map.of("name", longText),
                "/admin/api/v1/statuses", Map.of("name", longText, "severity", "warning"));
        creates.forEach((path, body) -> {
            try {
                api().contentType(ContentType.JSON)
                        .body(json.writeValueAsString(body))
                        .post(path)
                        .then()
                        .statusCode(400)
                        .body("message", containsString("name"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        for (String field : new String[] {"description", "target"}) {
            api().contentType(ContentType.JSON)
                    .body(json.writeValueAsString(
                            Map.of(field, field.equals("target") ? "https://x.example/" + longText : longText)))
                    .post("/admin/api/v1/services/web")
                    .then()
                    .statusCode(400)
                    .body("message", containsString(field));
        }
        api().contentType(ContentType.JSON)
                .body(json.writeValueAsString(Map.of("status", "down", "message", longText)))
                .post("/admin/api/v1/services/web/events")
                .then()
                .statusCode(400)
                .body("message", containsString("message"));

        AdminFixtures.Session session = AdminFixtures.login();
        String overName = "n".repeat(150);
        session.form()
                .formParam("name", overName)
                .formParam("historyDays", "7")
                .formParam("timeZone", "UTC")
                .post("/admin/settings")
                .then()
                .statusCode(400)
                .body(containsString("name is longer"));
        // a link over its column (2048) is longer than a form field may be: the settings refuse it all the same
        assertThatThrownBy(() -> settings.update(new SettingsStore.SettingsInput(
                        "Vigie", "https://img.example.org/" + "l".repeat(2100), null, "7", "UTC", null, null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.errors()).containsKey("logoUrl"));
        session.form()
                .formParam("name", overName)
                .post("/admin/tokens")
                .then()
                .statusCode(400)
                .body(containsString("name"));
        // a form field over Quarkus' form attribute limit (2 KB) is refused before the app reads it
        session.form().formParam("name", longText).post("/admin/tokens").then().statusCode(413);
        assertThat(tables.count("services")).isEqualTo(1);
        assertThat(tables.count("api_tokens")).isZero();
    }
}
