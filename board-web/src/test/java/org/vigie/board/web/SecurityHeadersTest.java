package org.vigie.board.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.settings.SettingsStore;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.MultiMap;

/** Every kind of response of the public port carries the security headers; only the embeds may be framed anywhere. */
@QuarkusTest
class SecurityHeadersTest extends AdminTest {

    static final String STRICT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";

    @Inject
    SettingsStore settings;

    @Test
    void everyPageTypeCarriesTheHeaders() {
        data.service("web", "http://10.0.0.1/");
        AdminFixtures.Session admin = AdminFixtures.login();
        Map<String, Response> framedBySelf = new LinkedHashMap<>();
        framedBySelf.put("board", given().get("/"));
        framedBySelf.put("service page", given().get("/services/web"));
        framedBySelf.put("summary", given().get("/summary"));
        framedBySelf.put("rss", given().get("/rss"));
        framedBySelf.put("atom", given().get("/feed"));
        framedBySelf.put("api", given().get("/api/v1/services"));
        framedBySelf.put("api error", given().get("/api/v1/services/nothing-here"));
        framedBySelf.put("page not found", given().get("/services/nothing-here"));
        framedBySelf.put("static file", given().get("/board.css"));
        framedBySelf.put("time-zone script", given().get("/tz.js"));
        framedBySelf.put("admin login", given().get("/admin/login"));
        framedBySelf.put(
                "admin redirect to login", given().redirects().follow(false).get("/admin/services"));
        framedBySelf.put("admin page", admin.given().get("/admin/services"));
        framedBySelf.put("admin form", admin.given().get("/admin/services/new"));
        framedBySelf.put("admin api", api().get("/admin/api/v1/services"));
        framedBySelf.forEach((what, r) -> {
            assertThat(r.header("Content-Security-Policy")).as(what).isEqualTo(STRICT + "'self'");
            assertCommon(what, r);
        });
        assertThat(framedBySelf.get("board").statusCode()).isEqualTo(200);
        assertThat(framedBySelf.get("admin page").statusCode()).isEqualTo(200);

        Map<String, Response> embeds = Map.of(
                "badge", given().get("/badge/web.svg"),
                "missing badge", given().get("/badge/nothing-here.svg"),
                "status.json", given().get("/status.json"));
        embeds.forEach((what, r) -> {
            assertThat(r.header("Content-Security-Policy")).as(what).isEqualTo(STRICT + "*");
            assertCommon(what, r);
        });
    }

    private static void assertCommon(String what, Response r) {
        assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("strict-origin-when-cross-origin");
        assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        // the test profile serves plain HTTP (vigie.admin.secure-cookies=false): no HSTS
        assertThat(r.header("Strict-Transport-Security")).as(what).isNull();
    }

    @Test
    void aLogoHostedElsewhereIsAnImageSourceOfTheBoardPagesOnly() {
        settings.update(new SettingsStore.SettingsInput(
                "Vigie", "https://cdn.example.org:8443/logo.png", null, "7", "UTC", null, null));
        String policy = given().get("/").header("Content-Security-Policy");
        assertThat(policy)
                .contains("img-src 'self' data: https://cdn.example.org:8443;")
                .contains("script-src 'self';")
                .endsWith("frame-ancestors 'self'");
        assertThat(given().get("/api/v1/services").header("Content-Security-Policy"))
                .doesNotContain("cdn.example.org");
    }

    @Test
    void hstsOnlyWhenTheBoardSaysItIsServedOverTls() {
        MultiMap plain = MultiMap.caseInsensitiveMultiMap();
        new SecurityHeaders(config("'none'"), false).add(plain, "/");
        assertThat(plain.get("Strict-Transport-Security")).isNull();
        assertThat(plain.get("Content-Security-Policy")).endsWith("frame-ancestors 'none'");

        MultiMap tls = MultiMap.caseInsensitiveMultiMap();
        new SecurityHeaders(config("'none'"), true).add(tls, "/badge/web.svg");
        assertThat(tls.get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(tls.get("Content-Security-Policy")).endsWith("frame-ancestors *");
    }

    @Test
    void onlyWebLinksGiveAnImageOrigin() {
        assertThat(SecurityHeaders.origin("HTTPS://Img.Example.org/a/logo.svg?x=1"))
                .contains("https://img.example.org");
        assertThat(SecurityHeaders.origin("http://127.0.0.1:8081/logo.png")).contains("http://127.0.0.1:8081");
        assertThat(SecurityHeaders.origin("/logo.png")).isEmpty();
        assertThat(SecurityHeaders.origin("javascript:alert(1)")).isEmpty();
        assertThat(SecurityHeaders.origin("https://evil.example; script-src *")).isEmpty();
        assertThat(SecurityHeaders.origin(null)).isEmpty();
    }

    private static HeadersConfig config(String frameAncestors) {
        return new HeadersConfig() {
            @Override
            public String frameAncestors() {
                return frameAncestors;
            }

            @Override
            public String referrerPolicy() {
                return "strict-origin-when-cross-origin";
            }

            @Override
            public Duration hstsMaxAge() {
                return Duration.ofDays(365);
            }
        };
    }
}
