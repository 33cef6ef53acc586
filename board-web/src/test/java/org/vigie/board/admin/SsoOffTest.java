package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Single sign-on off (the default), even with a provider configured and reachable: no button, the SSO path leads to
 * the password form, and board-web never contacts the provider, at start or after.
 */
@QuarkusTest
@TestProfile(SsoOffTest.SsoConfiguredButOff.class)
class SsoOffTest extends AdminTest {

    public static class SsoConfiguredButOff implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestOidcProvider.class, Map.of("enabled", "false")));
        }
    }

    @Test
    void noButtonNoFlowAndNoRequestToTheProvider() {
        var page = Jsoup.parse(given().get("/admin/login").asString());
        assertThat(page.select("#sso")).isEmpty();
        assertThat(page.text()).doesNotContain("Sign in with");

        Response sso = given().redirects().follow(false).get("/admin/sso/login");
        assertThat(sso.statusCode()).isEqualTo(302);
        assertThat(sso.getHeader("Location")).startsWith("/admin/login");

        AdminFixtures.Session session = AdminFixtures.login();
        assertThat(session.given().get("/admin/sso/login").statusCode()).isEqualTo(404);
        assertThat(TestOidcProvider.REQUESTS.get()).isZero();
    }
}
