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
import org.vigie.board.audit.AuditEntry;
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

    @Inject
    LoginThrottle throttle;

    /** The initial admin's password hash as the application made it, put back after a test changed it. */
    private String initialHash;

    /** Call after TestData.clear() (which removes the events). */
    @Transactional
    public void reset() {
        throttle.clear();
        AdminUser.delete("username <> ?1", ADMIN);
        AdminUser initial = AdminUser.findByUsername(ADMIN).orElseThrow();
        if (initialHash == null) {
            initialHash = initial.passwordHash;
        }
        initial.passwordHash = initialHash;
        initial.role = AdminRole.OWNER;
        AuditEntry.deleteAll();
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
        s.accentColor = null;
        s.footerLinks = null;
    }

    public String newToken(String name) {
        return tokens.create(name).token();
    }

    /** A token with a role (owner, editor, viewer). */
    public String newToken(String name, AdminRole role) {
        return tokens.create(name, role.label()).token();
    }

    @Inject
    AdminUsers users;

    /** Another admin, with a role and a password (bcrypt: about a quarter of a second). */
    public AdminUser addAdmin(String username, AdminRole role, String password) {
        return users.add(username, role, password);
    }

    @Transactional
    public AdminUser adminNamed(String username) {
        return AdminUser.findByUsername(username).orElse(null);
    }

    /** The audit log, newest first. */
    @Transactional
    public List<AuditEntry> audit() {
        return AuditEntry.list("order by id desc");
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
        Response loggedIn = tryLogin(username, password, null);
        if (loggedIn.statusCode() != 303 || loggedIn.getCookie("vigie-admin") == null) {
            throw new AssertionError("login as " + username + " failed: " + loggedIn.statusCode() + " "
                    + loggedIn.getHeader("Location"));
        }
        return session(loggedIn.getCookie("vigie-admin"));
    }

    /** The session of a login cookie, with the CSRF token its pages carry. */
    public static Session session(String loginCookie) {
        Map<String, String> cookies = new HashMap<>(Map.of("vigie-admin", loginCookie));
        Response page = given().redirects().follow(false).cookies(cookies).get("/admin/services");
        if (page.statusCode() != 200) {
            throw new AssertionError("/admin/services after login: " + page.statusCode());
        }
        return new Session(cookies, csrfField(page.asString()));
    }

    /** The login form as a browser fills it: its page first (for the form's CSRF cookie and field), then the post. */
    public static Response tryLogin(String username, String password, String forwardedFor) {
        LoginForm form = loginForm();
        RequestSpecification post = form.post().formParam("username", username).formParam("password", password);
        if (forwardedFor != null) {
            post.header("X-Forwarded-For", forwardedFor);
        }
        return post.post("/admin/login");
    }

    /** The login page's CSRF cookie and field, before any login. */
    public record LoginForm(String cookie, String field) {
        public RequestSpecification post() {
            return RestAssured.given()
                    .redirects()
                    .follow(false)
                    .cookie("vigie-csrf", cookie)
                    .contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", field);
        }
    }

    public static LoginForm loginForm() {
        Response page = given().get("/admin/login");
        if (page.statusCode() != 200 || page.getCookie("vigie-csrf") == null) {
            throw new AssertionError(
                    "/admin/login: " + page.statusCode() + ", CSRF cookie " + page.getCookie("vigie-csrf"));
        }
        return new LoginForm(page.getCookie("vigie-csrf"), csrfField(page.asString()));
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
