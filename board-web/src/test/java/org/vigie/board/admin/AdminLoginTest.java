package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Hands;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The login form against the real app: throttling by address and by name (addresses given as a balancer would, in
 * X-Forwarded-For: the test profile trusts it from 127.0.0.1), its CSRF token, and how sessions end (logout,
 * password change, maximum age, idle timeout). Times are moved with a clock the test holds.
 */
@QuarkusTest
class AdminLoginTest extends AdminTest {

    final Hands clock = new Hands();

    @BeforeEach
    void holdTheClock() {
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    private static Response login(String name, String password, String from) {
        return AdminFixtures.tryLogin(name, password, from);
    }

    private static void wrong(String name, String from) {
        login(name, "wrong-password", from).then().statusCode(303).header("Location", endsWith("/admin/login?error"));
    }

    private static long retryAfter(Response refused) {
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).as("Retry-After").isNotNull();
        return Long.parseLong(refused.header("Retry-After"));
    }

    @Test
    void theSixthWrongTryWithinAMinuteIsRefusedWithRetryAfterEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            clock.move(Duration.ofSeconds(5));
            wrong("admin", "198.51.100.7");
        }
        Response refused = login("admin", "wrong-password", "198.51.100.7");
        assertThat(retryAfter(refused)).isBetween(55L, 60L);
        assertThat(refused.asString())
                .contains("Too many failed logins from your address or for this name. Try again in 1 minute.");
        assertThat(refused.contentType()).startsWith("text/html");
        // the form is there again, to try later
        assertThat(AdminFixtures.csrfField(refused.asString())).isNotBlank();
        assertThat(retryAfter(login("admin", AdminFixtures.PASSWORD, "198.51.100.7")))
                .isPositive();
    }

    @Test
    void oneAddressIsThrottledWhateverTheNamesItTries() {
        for (int i = 1; i <= 5; i++) {
            wrong("guess-" + i, "198.51.100.7");
        }
        assertThat(retryAfter(login("guess-6", "wrong-password", "198.51.100.7")))
                .isBetween(55L, 60L);
        assertThat(retryAfter(login("admin", AdminFixtures.PASSWORD, "198.51.100.7")))
                .isBetween(55L, 60L);
        // each of those names failed once only: from elsewhere they are tried as usual
        wrong("guess-1", "203.0.113.9");
        login("admin", AdminFixtures.PASSWORD, "203.0.113.9").then().statusCode(303);
    }

    @Test
    void oneNameIsThrottledWhateverTheAddressesItComesFrom() {
        for (int i = 1; i <= 5; i++) {
            wrong("admin", "198.51.100." + i);
        }
        assertThat(retryAfter(login("admin", AdminFixtures.PASSWORD, "198.51.100.6")))
                .isBetween(55L, 60L);
        // names are one whatever their case, as in the database
        assertThat(retryAfter(login("ADMIN", "wrong-password", "198.51.100.7"))).isPositive();
        // those addresses failed once only: another name goes on
        wrong("someone", "198.51.100.1");
    }

    @Test
    void theRightPasswordWorksOnceTheLockoutIsOverAndTheNextLockoutIsLonger() {
        for (int i = 0; i < 5; i++) {
            wrong("admin", "198.51.100.7");
        }
        long first = retryAfter(login("admin", AdminFixtures.PASSWORD, "198.51.100.7"));
        clock.move(Duration.ofSeconds(first - 1));
        retryAfter(login("admin", AdminFixtures.PASSWORD, "198.51.100.7"));
        clock.move(Duration.ofSeconds(1));
        AdminFixtures.Session session = AdminFixtures.session(login("admin", AdminFixtures.PASSWORD, "198.51.100.7")
                .then()
                .statusCode(303)
                .extract()
                .cookie("vigie-admin"));
        session.given().get("/admin/services").then().statusCode(200);

        // the address keeps its record: five more failures lock it twice as long
        for (int i = 0; i < 5; i++) {
            wrong("someone-" + i, "198.51.100.7");
        }
        assertThat(retryAfter(login("someone-else", "wrong-password", "198.51.100.7")))
                .isBetween(115L, 120L);
    }

    @Test
    void theAdminsOwnBrowserStillLogsInWhileGuessesFromElsewhereLockTheirName() {
        String known = login("admin", AdminFixtures.PASSWORD, "203.0.113.5")
                .then()
                .statusCode(303)
                .extract()
                .cookie("vigie-known");
        assertThat(known).isNotBlank();
        for (int i = 1; i <= 5; i++) {
            wrong("admin", "198.51.100." + i);
        }
        assertThat(retryAfter(login("admin", AdminFixtures.PASSWORD, "203.0.113.6")))
                .isPositive();

        AdminFixtures.LoginForm form = AdminFixtures.loginForm();
        form.post()
                .cookie("vigie-known", known)
                .header("X-Forwarded-For", "203.0.113.5")
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin"));
        // an altered cookie is none
        form.post()
                .cookie("vigie-known", known.substring(0, known.length() - 2) + "AA")
                .header("X-Forwarded-For", "203.0.113.5")
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(429);
        // its address's own lockout still applies
        for (int i = 1; i <= 5; i++) {
            wrong("someone-" + i, "203.0.113.7");
        }
        form.post()
                .cookie("vigie-known", known)
                .header("X-Forwarded-For", "203.0.113.7")
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(429);
    }

    @Test
    void aLoginWithoutTheFormsTokenOrWithAWrongOrAnotherBrowsersTokenIsRefused() {
        AdminFixtures.LoginForm mine = AdminFixtures.loginForm();
        AdminFixtures.LoginForm theirs = AdminFixtures.loginForm();
        assertThat(mine.field()).isNotEqualTo(theirs.field());
        // no token
        given().redirects()
                .follow(false)
                .cookie("vigie-csrf", mine.cookie())
                .contentType(ContentType.URLENC)
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(403);
        // a wrong token
        given().redirects()
                .follow(false)
                .cookie("vigie-csrf", mine.cookie())
                .contentType(ContentType.URLENC)
                .formParam("csrf-token", "guessed")
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(403);
        // another browser's token (what a page elsewhere could fetch for itself), with this browser's cookie
        given().redirects()
                .follow(false)
                .cookie("vigie-csrf", mine.cookie())
                .contentType(ContentType.URLENC)
                .formParam("csrf-token", theirs.field())
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(403);
        // the token without its cookie (a cross-site post never carries the SameSite=Strict cookie)
        given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParam("csrf-token", mine.field())
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login")
                .then()
                .statusCode(403);
        // its own pair logs in; the form's cookie is removed: the session has its own token from now on
        Response loggedIn = mine.post()
                .formParam("username", "admin")
                .formParam("password", AdminFixtures.PASSWORD)
                .post("/admin/login");
        assertThat(loggedIn.statusCode()).isEqualTo(303);
        assertThat(loggedIn.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("vigie-csrf=;").contains("Max-Age=0"));
        AdminFixtures.Session session = AdminFixtures.session(loggedIn.cookie("vigie-admin"));
        assertThat(session.csrf()).isNotEqualTo(mine.field());
    }

    @Test
    void theSessionsTokenChangesAtEachLogin() {
        AdminFixtures.Session first = AdminFixtures.login();
        AdminFixtures.Session second = AdminFixtures.login();
        assertThat(first.csrf()).isNotEqualTo(second.csrf());
        // the token stays the session's while it lasts, renewed cookie or not
        clock.move(Duration.ofMinutes(5));
        Response page = first.given().get("/admin/settings");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.cookie("vigie-admin")).as("renewed cookie").isNotNull();
        assertThat(AdminFixtures.csrfField(page.asString())).isEqualTo(first.csrf());
    }

    @Test
    void aPasswordChangeEndsTheAdminsOtherSessions() {
        AdminFixtures.Session here = AdminFixtures.login();
        AdminFixtures.Session elsewhere = AdminFixtures.login();
        String newPassword = "a-brand-new-password";

        here.form()
                .formParam("current", "not-the-password")
                .formParam("password", newPassword)
                .formParam("repeat", newPassword)
                .post("/admin/password")
                .then()
                .statusCode(400)
                .body(containsString("current password: wrong password"));
        here.form()
                .formParam("current", AdminFixtures.PASSWORD)
                .formParam("password", "short")
                .formParam("repeat", "short")
                .post("/admin/password")
                .then()
                .statusCode(400)
                .body(containsString("password must be at least 10 characters"));
        elsewhere.given().get("/admin/services").then().statusCode(200);

        Response changed = here.form()
                .formParam("current", AdminFixtures.PASSWORD)
                .formParam("password", newPassword)
                .formParam("repeat", newPassword)
                .post("/admin/password");
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.header("Location")).endsWith("/admin/password?notice=password-changed");

        // this browser goes on with its new cookie; every other session, and this one's old cookie, has ended
        AdminFixtures.Session renewed = AdminFixtures.session(changed.cookie("vigie-admin"));
        renewed.given()
                .get("/admin/password?notice=password-changed")
                .then()
                .statusCode(200)
                .body(containsString("Password changed."));
        elsewhere.given().get("/admin/services").then().statusCode(302);
        here.given().get("/admin/services").then().statusCode(302);
        login("admin", AdminFixtures.PASSWORD, null)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/login?error"));
        AdminFixtures.login("admin", newPassword);
    }

    @Test
    void aSessionEndsAtItsMaximumAgeHoweverActive() {
        AdminFixtures.Session session = AdminFixtures.login();
        String cookie = session.cookies().get("vigie-admin");
        // active every 7 hours: the idle timeout (8 h) never passes
        for (Duration at :
                new Duration[] {Duration.ofHours(7), Duration.ofHours(4).plusMinutes(58)}) {
            clock.move(at);
            Response page = AdminFixtures.session(cookie).given().get("/admin/services");
            assertThat(page.statusCode()).isEqualTo(200);
            cookie = page.cookie("vigie-admin") == null ? cookie : page.cookie("vigie-admin");
        }
        clock.move(Duration.ofMinutes(3)); // 12 h 01 after the password was typed, 3 minutes after the last request
        Response ended = new AdminFixtures.Session(Map.of("vigie-admin", cookie), session.csrf())
                .given()
                .get("/admin/services");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.header("Location")).startsWith("/admin/login");
        assertThat(ended.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("vigie-admin=;").contains("Max-Age=0"));
    }

    @Test
    void aSessionEndsAfterTheIdleTimeout() {
        AdminFixtures.Session session = AdminFixtures.login();
        clock.move(Duration.ofHours(8).minusMinutes(1));
        session.given().get("/admin/services").then().statusCode(200);
        AdminFixtures.Session idle = AdminFixtures.login();
        clock.move(Duration.ofHours(8).plusMinutes(1));
        idle.given().get("/admin/services").then().statusCode(302);
    }

    @Test
    void aCookieMadeWithAnotherKeyOrAlteredIsNoLogin() {
        String cookie = AdminFixtures.login().cookies().get("vigie-admin");
        char last = cookie.charAt(cookie.length() - 5);
        String altered = cookie.substring(0, cookie.length() - 5)
                + (last == 'A' ? 'B' : 'A')
                + cookie.substring(cookie.length() - 4);
        given().redirects()
                .follow(false)
                .cookie("vigie-admin", altered)
                .get("/admin/services")
                .then()
                .statusCode(302);
        given().redirects()
                .follow(false)
                .cookie("vigie-admin", "not-a-session")
                .get("/admin/login")
                .then()
                .statusCode(200);
    }
}
