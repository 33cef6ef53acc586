package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.audit.AuditEntry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Single sign-on through a provider (TestOidcProvider, in this JVM): the authorization code flow as a browser runs it,
 * quarkus-oidc checking the signed ID token, then an ordinary Vigie session whose role the provider's groups claim
 * decided, at every sign-in; an admin whose groups map to no role is refused. The password form keeps working.
 */
@QuarkusTest
@TestProfile(SsoTest.SsoOn.class)
class SsoTest extends AdminTest {

    public static class SsoOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestOidcProvider.class));
        }
    }

    /** The last answer of the flow, and the cookies the browser holds by then. */
    record Flow(Response last, Map<String, String> cookies) {
        String loginCookie() {
            String value = cookies.get(AdminSessions.COOKIE);
            return value == null || value.isEmpty() ? null : value;
        }
    }

    /** "Sign in with ..." clicked, every redirect followed (to the provider and back) as a browser would. */
    static Flow signIn(String start) {
        Map<String, String> cookies = new HashMap<>();
        String location = start;
        Response answer = null;
        for (int hop = 0; hop < 8 && location != null; hop++) {
            // the link and the locations are encoded already: sent as they are, as a browser does
            answer = given().urlEncodingEnabled(false)
                    .redirects()
                    .follow(false)
                    .cookies(cookies)
                    .get(location);
            cookies.putAll(answer.getCookies());
            location = answer.statusCode() == 302 ? answer.getHeader("Location") : null;
        }
        return new Flow(answer, cookies);
    }

    @Test
    void theLoginPageOffersTheProviderNextToThePasswordForm() {
        var page = Jsoup.parse(given().get("/admin/login?next=/admin/groups").asString());
        assertThat(page.selectFirst("#sso").text()).isEqualTo("Sign in with Test ID");
        assertThat(page.selectFirst("#sso").attr("href")).isEqualTo("/admin/sso/login?next=%2Fadmin%2Fgroups");
        assertThat(page.selectFirst("input[name=password]")).isNotNull();
        AdminFixtures.login(); // the password login still works alongside
    }

    @Test
    void anOwnerByTheClaimIsCreatedAndMayMakeOwnersChanges() {
        TestOidcProvider.signInAs("sub-olga", "olga", List.of("staff", "ops-leads"));
        Flow flow = signIn("/admin/sso/login");

        assertThat(flow.last().statusCode()).isEqualTo(303);
        assertThat(flow.last().getHeader("Location")).endsWith("/admin");
        assertThat(flow.loginCookie()).isNotNull();
        assertThat(flow.cookies().get("q_session_sso")).isEmpty(); // the provider's session is not kept
        AdminUser olga = admin.adminNamed("olga");
        assertThat(olga.role).isEqualTo(AdminRole.OWNER);
        assertThat(olga.ssoSubject).isEqualTo("sub-olga");

        AdminFixtures.Session session = AdminFixtures.session(flow.loginCookie());
        Response token = session.form()
                .formParam("name", "made-by-olga")
                .formParam("role", "viewer")
                .post("/admin/tokens");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(admin.token("made-by-olga")).isNotNull();
        assertThat(admin.audit())
                .extracting(e -> e.actor + " " + e.action + " " + e.entityType)
                .contains("olga create admins", "olga sso-login admins", "olga create tokens");
    }

    @Test
    void theFlowComesBackToThePageAskedFor() {
        TestOidcProvider.signInAs("sub-pia", "pia", List.of("ops"));
        Flow flow = signIn("/admin/sso/login?next=%2Fadmin%2Fgroups");
        assertThat(flow.last().statusCode()).isEqualTo(303);
        assertThat(flow.last().getHeader("Location")).endsWith("/admin/groups");
        assertThat(admin.adminNamed("pia").role).isEqualTo(AdminRole.EDITOR);
    }

    @Test
    void aViewerByTheClaimReadsButChangesNothing() {
        TestOidcProvider.signInAs("sub-vic", "vic", List.of("support"));
        AdminFixtures.Session vic =
                AdminFixtures.session(signIn("/admin/sso/login").loginCookie());

        assertThat(vic.given().get("/admin/services").statusCode()).isEqualTo(200);
        Response group = vic.form()
                .formParam("name", "Edge")
                .formParam("description", "")
                .formParam("order", "1")
                .post("/admin/groups");
        assertThat(group.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(group.asString()).selectFirst("#refused").text()).contains("viewer");
    }

    @Test
    void aClaimThatMapsToNoRoleIsRefusedWithAPageThatSaysWhy() {
        TestOidcProvider.signInAs("sub-carl", "carl", List.of("contractors"));
        Flow flow = signIn("/admin/sso/login");

        assertThat(flow.last().statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(flow.last().asString())
                        .selectFirst("#sso-refused")
                        .text())
                .contains("You signed in with Test ID", "has no role on this board", "groups");
        assertThat(flow.loginCookie()).isNull();
        assertThat(flow.cookies().get("q_session_sso")).isEmpty();
        assertThat(admin.adminNamed("carl")).isNull();
        assertThat(given().redirects().follow(false).get("/admin/services").statusCode())
                .isEqualTo(302);
    }

    @Test
    void theRoleIsReadAgainAtEverySignInAndItsChangeIsAudited() {
        TestOidcProvider.signInAs("sub-rita", "rita", List.of("staff"));
        String first = signIn("/admin/sso/login").loginCookie();
        assertThat(admin.adminNamed("rita").role).isEqualTo(AdminRole.VIEWER);

        TestOidcProvider.signInAs("sub-rita", "rita-renamed", List.of("ops"));
        Flow again = signIn("/admin/sso/login");
        assertThat(again.loginCookie()).isNotNull();
        assertThat(admin.adminNamed("rita").role).isEqualTo(AdminRole.EDITOR); // found by subject, not by name
        assertThat(admin.adminNamed("rita-renamed")).isNull();
        AuditEntry change = admin.audit().stream()
                .filter(e -> e.action.equals("role"))
                .findFirst()
                .orElseThrow();
        assertThat(change.entityId).isEqualTo("rita");
        assertThat(change.summary).contains("viewer → editor");
        // the session of the old role ended with it
        var old = given().redirects()
                .follow(false)
                .cookie(AdminSessions.COOKIE, first)
                .get("/admin/services");
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(AdminFixtures.session(again.loginCookie())
                        .given()
                        .get("/admin/services")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aNameThatAPasswordAdminHoldsIsNotTakenOver() {
        TestOidcProvider.signInAs("sub-mallory", AdminFixtures.ADMIN, List.of("ops-leads"));
        Flow flow = signIn("/admin/sso/login");
        assertThat(flow.last().statusCode()).isEqualTo(403);
        assertThat(flow.last().asString()).contains("already logs in with a password");
        assertThat(admin.adminNamed(AdminFixtures.ADMIN).ssoSubject).isNull();
    }

    @Test
    void loggingOutEndsTheVigieSession() {
        TestOidcProvider.signInAs("sub-lou", "lou", List.of("ops"));
        AdminFixtures.Session lou =
                AdminFixtures.session(signIn("/admin/sso/login").loginCookie());
        assertThat(lou.form().post("/admin/logout").statusCode()).isEqualTo(303);
        assertThat(lou.given().get("/admin/services").statusCode()).isEqualTo(302);
    }
}
