package org.vigie.board.admin;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.vigie.board.event.Event;
import org.vigie.board.settings.BoardSettings;
import org.vigie.board.status.Status;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The admin side's test state: seeded statuses only, no tokens, default settings; and a logged-in browser session. */
@ApplicationScoped
public class AdminFixtures {

    public static final String ADMIN = "admin";
    public static final String PASSWORD = "test-admin-password";

    @Inject
    ApiTokens tokens;

    /** Call after TestData.clear() (which removes the events). */
    @Transactional
    public void reset() {
        Event.deleteAll();
        Status.delete("slug not in ?1", List.of("up", "warning", "down", "maintenance", "unknown"));
        Status.update("isDefault = (slug = 'up')");
        ApiToken.deleteAll();
        BoardSettings s = BoardSettings.current();
        s.name = "Vigie";
        s.logoUrl = null;
        s.reportUrl = null;
        s.historyDays = 7;
        s.timeZone = "UTC";
    }

    public String newToken(String name) {
        return tokens.create(name).token();
    }

    @Transactional
    public ApiToken token(String name) {
        return ApiToken.find("name", name).firstResult();
    }

    @Transactional
    public Status status(String slug) {
        return Status.findBySlug(slug).orElse(null);
    }

    /** A logged-in admin's cookies and the CSRF token their forms carry. */
    public record Session(Map<String, String> cookies, String csrf) {
        public RequestSpecification given() {
            return RestAssured.given().redirects().follow(false).cookies(cookies);
        }

        /** A form post as the admin's browser sends it, CSRF field included. */
        public RequestSpecification form() {
            return given().contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrf);
        }
    }

    public static Session login() {
        return login(ADMIN, PASSWORD);
    }

    public static Session login(String username, String password) {
        Response loggedIn = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", username)
                .formParam("j_password", password)
                .post("/admin/j_security_check");
        if (loggedIn.statusCode() != 302 || loggedIn.getCookie("vigie-admin") == null) {
            throw new AssertionError("login as " + username + " failed: " + loggedIn.statusCode() + " "
                    + loggedIn.getHeader("Location"));
        }
        Map<String, String> cookies = new HashMap<>(Map.of("vigie-admin", loggedIn.getCookie("vigie-admin")));
        Response page = given().redirects().follow(false).cookies(cookies).get("/admin/services");
        if (page.statusCode() != 200) {
            throw new AssertionError("/admin/services after login: " + page.statusCode());
        }
        cookies.put("vigie-csrf", page.getCookie("vigie-csrf"));
        return new Session(cookies, csrfField(page.asString()));
    }

    /** The value of the page's first CSRF field (every admin page has one: the logout form's). */
    public static String csrfField(String html) {
        Element field = Jsoup.parse(html).selectFirst("input[name=csrf-token]");
        if (field == null) {
            throw new AssertionError("no csrf-token field in the page");
        }
        return field.attr("value");
    }
}
