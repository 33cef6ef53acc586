package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import jakarta.transaction.Transactional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.service.Service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The admin pages: login, CSRF, and the service, status, token and settings forms. */
@QuarkusTest
class AdminPagesTest extends AdminTest {

    @Test
    void adminPagesNeedALoginAndSendToTheLoginPage() {
        given().redirects().follow(false).get("/admin").then().statusCode(302).header("Location", "/admin/login");
        for (String page : new String[] {"/admin/services", "/admin/statuses", "/admin/tokens", "/admin/settings"}) {
            given().redirects()
                    .follow(false)
                    .get(page)
                    .then()
                    .statusCode(302)
                    .header("Location", "/admin/login?next=" + page.replace("/", "%2F"));
        }
        given().get("/admin/login").then().statusCode(200).body(containsString("name=\"password\""));
    }

    @Test
    void theInitialAdminLogsInAndAWrongPasswordDoesNot() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.given().get("/admin/services").then().statusCode(200).body(containsString("Log out"));

        AdminFixtures.tryLogin("admin", "wrong-password", null)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/login?error"));
        AdminFixtures.tryLogin("nobody", AdminFixtures.PASSWORD, null)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/login?error"));
        given().get("/admin/login?error").then().statusCode(200).body(containsString("Wrong username or password."));
    }

    @Test
    void afterLoginTheBrowserGoesBackToThePageItAskedFor() {
        String location = given().redirects()
                .follow(false)
                .get("/admin/tokens")
                .then()
                .statusCode(302)
                .extract()
                .header("Location");
        String page = given().urlEncodingEnabled(false)
                .get(location)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(html(page).selectFirst("input[name=next]").val()).isEqualTo("/admin/tokens");
        AdminFixtures.LoginForm form = AdminFixtures.loginForm();
        form.post()
                .formParam("username", AdminFixtures.ADMIN)
                .formParam("password", AdminFixtures.PASSWORD)
                .formParam("next", "/admin/tokens")
                .post("/admin/login")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/tokens"));
        // never to another site
        for (String elsewhere :
                new String[] {"https://evil.example/", "//evil.example/admin/", "/admin/..//evil.example"}) {
            form.post()
                    .formParam("username", AdminFixtures.ADMIN)
                    .formParam("password", AdminFixtures.PASSWORD)
                    .formParam("next", elsewhere)
                    .post("/admin/login")
                    .then()
                    .statusCode(303)
                    .header("Location", endsWith("/admin"));
        }
    }

    @Test
    void theLoginCookieIsHttpOnlyAndLax() {
        String setCookie = AdminFixtures.tryLogin(AdminFixtures.ADMIN, AdminFixtures.PASSWORD, null)
                .then()
                .statusCode(303)
                .extract()
                .headers()
                .getValues("Set-Cookie")
                .stream()
                .filter(c -> c.startsWith("vigie-admin="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .contains("Path=/admin");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.given()
                .contentType(ContentType.URLENC)
                .formParam("name", "Forged")
                .post("/admin/services")
                .then()
                .statusCode(403);
        session.given()
                .contentType(ContentType.URLENC)
                .formParam("name", "Forged")
                .formParam("csrf-token", "guessed")
                .post("/admin/services")
                .then()
                .statusCode(403);
        // the token of another session of the same admin
        AdminFixtures.Session other = AdminFixtures.login();
        assertThat(other.csrf()).isNotEqualTo(session.csrf());
        session.given()
                .contentType(ContentType.URLENC)
                .formParam("name", "Forged")
                .formParam("csrf-token", other.csrf())
                .post("/admin/services")
                .then()
                .statusCode(403);
        // the login form's token, cookie and all, is not a session's
        AdminFixtures.LoginForm form = AdminFixtures.loginForm();
        session.given()
                .cookie("vigie-csrf", form.cookie())
                .contentType(ContentType.URLENC)
                .formParam("name", "Forged")
                .formParam("csrf-token", form.field())
                .post("/admin/services")
                .then()
                .statusCode(403);
        assertThat(Service.count()).isZero();
    }

    @Test
    void creatingAServiceThroughTheFormShowsItInTheList() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.form()
                .formParam("name", "Customer API")
                .formParam("description", "REST")
                .formParam("target", "https://api.example.org/health")
                .formParam("interval", "30")
                .formParam("group", "")
                .formParam("order", "0")
                .post("/admin/services")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/services/customer-api?notice=created"));
        session.given()
                .get("/admin/services")
                .then()
                .statusCode(200)
                .body(containsString("<a href=\"/admin/services/customer-api\">Customer API</a>"))
                .body(containsString("https://api.example.org/health"));
        session.given()
                .get("/admin/services/customer-api")
                .then()
                .statusCode(200)
                .body(containsString("<code id=\"target\">https://api.example.org/health</code>"));
    }

    @Test
    void aBadConnectionStringShowsTheParsersMessageBesideTheField() {
        AdminFixtures.Session session = AdminFixtures.login();
        Document page = html(session.form()
                .formParam("name", "Broken")
                .formParam("target", "tcp://db.example.org")
                .formParam("interval", "60")
                .post("/admin/services")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        Element error = page.getElementById("target-error");
        assertThat(error).as("an error beside the connection string field").isNotNull();
        assertThat(error.text()).startsWith("tcp needs a port");
        // what the admin typed is kept
        assertThat(page.getElementById("target").val()).isEqualTo("tcp://db.example.org");
        assertThat(Service.count()).isZero();
    }

    @Test
    void namesAreEscapedOnTheAdminPages() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.form()
                .formParam("name", "<script>alert(1)</script>")
                .formParam("target", "")
                .formParam("interval", "60")
                .post("/admin/services")
                .then()
                .statusCode(303);
        session.given()
                .get("/admin/services")
                .then()
                .statusCode(200)
                .body(not(containsString("<script>alert(1)</script>")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void anEventPostedOnTheServicePageMovesItsStatusAndCanBeDeleted() {
        AdminFixtures.Session session = AdminFixtures.login();
        data.service("mail", null);
        session.form()
                .formParam("status", "down")
                .formParam("message", "Mail is down")
                .formParam("timestamp", "")
                .post("/admin/services/mail/events")
                .then()
                .statusCode(303);
        Document page = html(session.given()
                .get("/admin/services/mail")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(page.select("#events td.message").eachText()).containsExactly("Mail is down");
        assertThat(current("mail")).isEqualTo("down");

        Element delete = page.selectFirst("#events form[action$=/delete]");
        assertThat(delete).isNotNull();
        assertThat(delete.attr("action")).matches("/admin/services/mail/events/\\d+/delete");
        session.form().post(delete.attr("action")).then().statusCode(303);
        assertThat(current("mail")).isNull();

        Document refused = html(session.form()
                .formParam("status", "down")
                .formParam("message", "")
                .post("/admin/services/mail/events")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        assertThat(refused.getElementById("message-error").text()).isEqualTo("message is required");
    }

    @Test
    void aTokenIsShownOnceAndWorksUntilRevoked() {
        AdminFixtures.Session session = AdminFixtures.login();
        Document page = html(session.form()
                .formParam("name", "ci")
                .post("/admin/tokens")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        Element shown = page.getElementById("new-token");
        assertThat(shown).isNotNull();
        String token = shown.text();
        assertThat(token).matches("vigie_[A-Za-z0-9_-]+");
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Via token\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        session.given().get("/admin/tokens").then().statusCode(200).body(not(containsString(token)));

        session.form()
                .post("/admin/tokens/" + admin.token("ci").id + "/revoke")
                .then()
                .statusCode(303);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Again\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(401);
    }

    @Test
    void statusesPageSetsTheDefaultAndRefusesDeletingAUsedStatus() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.given()
                .get("/admin/statuses/new")
                .then()
                .statusCode(200)
                .body(containsString("type=\"radio\" name=\"image\" value=\"wrench\""))
                .body(containsString("src=\"/icons/wrench.svg\""));
        session.form()
                .formParam("name", "Limbo")
                .formParam("severity", "NORMAL")
                .formParam("image", "question")
                .formParam("default", "true")
                .post("/admin/statuses")
                .then()
                .statusCode(303);
        assertThat(admin.status("limbo").isDefault).isTrue();
        assertThat(admin.status("up").isDefault).isFalse();

        data.service("mail", null);
        session.form()
                .formParam("status", "maintenance")
                .formParam("message", "Planned")
                .post("/admin/services/mail/events")
                .then()
                .statusCode(303);
        session.form()
                .post("/admin/statuses/maintenance/delete")
                .then()
                .statusCode(409)
                .body(containsString("is used by the checks")); // built in since scheduled maintenance
        assertThat(admin.status("maintenance")).isNotNull();
    }

    @Test
    void groupFormsShowATakenNameBesideTheFieldAndKeepWhatWasTyped() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.form()
                .formParam("name", "Core")
                .formParam("description", "")
                .formParam("order", "2")
                .post("/admin/groups")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/groups?notice=created"));
        Document taken = html(session.form()
                .formParam("name", "CORE")
                .formParam("description", "Again")
                .formParam("order", "1")
                .post("/admin/groups")
                .then()
                .statusCode(409)
                .extract()
                .asString());
        assertThat(taken.select("#name + .field-error").text()).isEqualTo("a group with slug \"core\" already exists");
        assertThat(taken.getElementById("description").text()).isEqualTo("Again");

        Document edit = html(session.given()
                .get("/admin/groups/core/edit")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(edit.getElementById("order").val()).isEqualTo("2");
        Document refused = html(session.form()
                .formParam("name", "Core")
                .formParam("order", "first")
                .post("/admin/groups/core")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        assertThat(refused.select("#order + .field-error").text()).isEqualTo("order \"first\" is not a whole number");
        session.form()
                .post("/admin/groups/nope/delete")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/groups"));
    }

    @Test
    void settingsValidateTheTimeZone() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.form()
                .formParam("name", "Acme status")
                .formParam("logoUrl", "")
                .formParam("reportUrl", "mailto:ops@example.org")
                .formParam("historyDays", "14")
                .formParam("timeZone", "Mars/Olympus")
                .post("/admin/settings")
                .then()
                .statusCode(400)
                .body(containsString("timeZone &quot;Mars/Olympus&quot; is not a known time zone"));
        session.form()
                .formParam("name", "Acme status")
                .formParam("logoUrl", "javascript:alert(1)")
                .formParam("reportUrl", "")
                .formParam("historyDays", "14")
                .formParam("timeZone", "Europe/Paris")
                .post("/admin/settings")
                .then()
                .statusCode(400)
                .body(containsString("logoUrl must be an http:// or https:// link"));
        session.form()
                .formParam("name", "Acme status")
                .formParam("logoUrl", "https://acme.example/logo.svg")
                .formParam("reportUrl", "mailto:ops@example.org")
                .formParam("historyDays", "14")
                .formParam("timeZone", "Europe/Paris")
                .post("/admin/settings")
                .then()
                .statusCode(303);
        session.given()
                .get("/admin/settings")
                .then()
                .statusCode(200)
                .body(containsString("value=\"Europe/Paris\""))
                .body(containsString("value=\"14\""));
    }

    @Test
    void logoutEndsTheSessionAndEveryOtherOfTheAdmin() {
        AdminFixtures.Session session = AdminFixtures.login();
        AdminFixtures.Session elsewhere = AdminFixtures.login();
        String cleared = session.form()
                .post("/admin/logout")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/login?logged-out"))
                .extract()
                .header("Set-Cookie");
        assertThat(cleared).contains("vigie-admin=").contains("Max-Age=0");
        // the old cookie, kept by whoever copied it, no longer works
        session.given()
                .get("/admin/services")
                .then()
                .statusCode(302)
                .header("Location", containsString("/admin/login"));
        elsewhere.given().get("/admin/services").then().statusCode(302);
        elsewhere
                .form()
                .formParam("name", "After logout")
                .post("/admin/services")
                .then()
                .statusCode(302);
        assertThat(Service.count()).isZero();
        given().get("/admin/login?logged-out").then().statusCode(200).body(containsString("You are logged out."));
        AdminFixtures.login().given().get("/admin/services").then().statusCode(200);
    }

    @Test
    void publicPagesStayOpen() {
        given().get("/").then().statusCode(200);
        given().get("/api/v1/services").then().statusCode(200);
    }

    static Document html(String page) {
        return Jsoup.parse(page);
    }

    @Transactional
    String current(String slug) {
        Service s = Service.findBySlug(slug).orElseThrow();
        return s.status == null ? null : s.status.slug;
    }
}
