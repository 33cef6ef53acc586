package org.vigie.board.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every admin form posted the way a page on another site could: without the CSRF field, with a wrong one, with
 * another session's. Each is refused with 403 and changes no row of the database; the same post with the session's
 * own token is then accepted (so the test can fail).
 */
@QuarkusTest
class CsrfTest extends AdminTest {

    @Inject
    Tables tables;

    /** A form of the admin pages: where it posts, what it sends, what it answers when the token is right. */
    record Form(String path, Map<String, String> fields, int accepted) {}

    @Test
    void everyAdminFormRefusesAMissingWrongOrForeignToken() {
        data.service("web", "https://web.example.org/");
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Team\",\"slug\":\"team\"}")
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Custom\",\"slug\":\"custom\",\"severity\":\"warning\",\"image\":\"clock\"}")
                .post("/admin/api/v1/statuses")
                .then()
                .statusCode(201);
        long event = api().contentType(ContentType.JSON)
                .body("{\"status\":\"down\",\"message\":\"Mail is down\"}")
                .post("/admin/api/v1/services/web/events")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("sid");
        String token = admin.newToken("ci");
        long tokenId = admin.token("ci").id;
        assertThat(token).isNotBlank();

        AdminFixtures.Session mine = AdminFixtures.login();
        AdminFixtures.Session theirs = AdminFixtures.login();
        assertThat(theirs.csrf()).isNotEqualTo(mine.csrf());

        // in the order they can all be accepted one after the other, the deletions and the logout last
        List<Form> forms = List.of(
                new Form(
                        "/admin/services",
                        Map.of("name", "Shop", "target", "https://shop.example.org/", "interval", "60"),
                        303),
                new Form(
                        "/admin/services/web",
                        Map.of("name", "Web!", "target", "https://web.example.org/", "interval", "60"),
                        303),
                new Form("/admin/services/web/check-now", Map.of(), 303),
                new Form("/admin/services/web/events", Map.of("status", "up", "message", "fixed"), 303),
                new Form("/admin/services/web/events/" + event + "/delete", Map.of(), 303),
                new Form("/admin/groups", Map.of("name", "Ops"), 303),
                new Form("/admin/groups/team", Map.of("name", "Team!"), 303),
                new Form("/admin/statuses", Map.of("name", "Odd", "severity", "warning", "image", "clock"), 303),
                new Form(
                        "/admin/statuses/custom",
                        Map.of("name", "Custom!", "severity", "warning", "image", "clock"),
                        303),
                new Form("/admin/settings", Map.of("name", "Hacked", "historyDays", "7", "timeZone", "UTC"), 303),
                new Form("/admin/tokens", Map.of("name", "attacker"), 200),
                new Form("/admin/tokens/" + tokenId + "/revoke", Map.of(), 303),
                new Form("/admin/admins", Map.of("username", "eve", "role", "viewer"), 200),
                new Form("/admin/services/shop/delete", Map.of(), 303),
                new Form("/admin/groups/ops/delete", Map.of(), 303),
                new Form("/admin/statuses/odd/delete", Map.of(), 303),
                new Form(
                        "/admin/password",
                        Map.of(
                                "current",
                                AdminFixtures.PASSWORD,
                                "password",
                                "attacker-chosen-password",
                                "repeat",
                                "attacker-chosen-password"),
                        303),
                new Form("/admin/logout", Map.of(), 303));

        for (Form form : forms) {
            Map<String, String> before = tables.snapshot();
            AdminFixtures.Session session = mine;
            for (var attempt : Map.of(
                            "no token", post(session, null, form),
                            "wrong token", post(session, "guessed-" + session.csrf(), form),
                            "empty token", post(session, "", form),
                            "other session's token", post(session, theirs.csrf(), form),
                            "token in the query", postWithTokenInQuery(session, form))
                    .entrySet()) {
                assertThat(attempt.getValue().statusCode())
                        .as("%s with %s", form.path(), attempt.getKey())
                        .isEqualTo(403);
            }
            assertThat(tables.snapshot()).as("%s refused", form.path()).isEqualTo(before);
            // the real form, with its own token, does go through
            Response accepted = post(session, mine.csrf(), form);
            assertThat(accepted.statusCode())
                    .as("%s with the session's token: %s", form.path(), accepted.asString())
                    .isEqualTo(form.accepted());
            if (form.path().equals("/admin/password")) {
                mine = AdminFixtures.session(accepted.getCookie("vigie-admin")); // a new password, a new session
            }
        }
    }

    @Test
    void theLoginFormRefusesAMissingWrongOrForeignToken() {
        AdminFixtures.LoginForm mine = AdminFixtures.loginForm();
        AdminFixtures.LoginForm theirs = AdminFixtures.loginForm();
        Map<String, String> before = tables.snapshot();
        List<RequestSpecification> attempts = List.of(
                given().redirects().follow(false).contentType(ContentType.URLENC),
                given().redirects()
                        .follow(false)
                        .cookie("vigie-csrf", mine.cookie())
                        .contentType(ContentType.URLENC),
                given().redirects()
                        .follow(false)
                        .cookie("vigie-csrf", mine.cookie())
                        .contentType(ContentType.URLENC)
                        .formParam("csrf-token", theirs.field()),
                given().redirects()
                        .follow(false)
                        .contentType(ContentType.URLENC)
                        .formParam("csrf-token", mine.field()));
        for (RequestSpecification attempt : attempts) {
            Response r = attempt.formParam("username", AdminFixtures.ADMIN)
                    .formParam("password", AdminFixtures.PASSWORD)
                    .post("/admin/login");
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.getCookie("vigie-admin")).isNull();
        }
        assertThat(tables.snapshot()).isEqualTo(before);
        assertThat(mine.post()
                        .formParam("username", AdminFixtures.ADMIN)
                        .formParam("password", AdminFixtures.PASSWORD)
                        .post("/admin/login")
                        .getCookie("vigie-admin"))
                .isNotNull();
    }

    @Test
    void aJsonOrPlainTextPostIsRefused() {
        AdminFixtures.Session session = AdminFixtures.login();
        Map<String, String> before = tables.snapshot();
        session.given()
                .contentType(ContentType.JSON)
                .body("{\"csrf-token\":\"" + session.csrf() + "\",\"name\":\"Hacked\"}")
                .post("/admin/settings")
                .then()
                .statusCode(anyOf(is(403), is(415)));
        session.given()
                .contentType("text/plain")
                .body("csrf-token=" + session.csrf() + "&name=Hacked&historyDays=7&timeZone=UTC")
                .post("/admin/settings")
                .then()
                .statusCode(anyOf(is(403), is(415)));
        assertThat(tables.snapshot()).isEqualTo(before);
    }

    private static Response post(AdminFixtures.Session session, String csrf, Form form) {
        RequestSpecification post = session.given().contentType(ContentType.URLENC);
        if (csrf != null) {
            post.formParam("csrf-token", csrf);
        }
        form.fields().forEach(post::formParam);
        return post.post(form.path());
    }

    private static Response postWithTokenInQuery(AdminFixtures.Session session, Form form) {
        RequestSpecification post = session.given().contentType(ContentType.URLENC);
        form.fields().forEach(post::formParam);
        return post.queryParam("csrf-token", session.csrf()).post(form.path());
    }
}
