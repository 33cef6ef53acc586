package org.vigie.board.site.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.site.PublicData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A public answer built a moment ago is sent again as it was, until it is older than fresh-for or an admin changes something. */
@QuarkusTest
@TestProfile(FreshCopiesTest.LongFresh.class)
class FreshCopiesTest {

    /** Copies fresh for an hour: what the test sees served again is the copy, not a coincidence of timing. */
    public static class LongFresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigie.board.fresh-for", "1h");
        }
    }

    @Inject
    PublicData data;

    @Inject
    FreshCopies copies;

    long web;

    @BeforeEach
    void oneService() {
        data.clear();
        copies.changed();
        web = data.service("web", "Web", null, 0, Instant.parse("2026-10-01T00:00:00Z"));
        data.event(web, "up", "fine", Instant.now().minusSeconds(120));
    }

    @Test
    void aFreshCopyIsServedAgainUntilAnAdminChangesSomething() {
        String first = services();
        String tag = given().get("/api/v1/services").header("ETag");
        // the database says down now, but the copy is fresh: the same bytes, the same tag, a 304 for that tag
        data.event(web, "down", "broken", Instant.now().minusSeconds(5));
        assertThat(services()).isEqualTo(first);
        given().header("If-None-Match", tag)
                .get("/api/v1/services")
                .then()
                .statusCode(304)
                .body(emptyString());
        assertThat(first).contains("\"up\"").doesNotContain("\"down\"");

        // an admin's change on this board-web: the next answer is built from the database
        given().auth()
                .oauth2(AdminTest.TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        assertThat(services()).contains("\"down\"").contains("Mail");
    }

    @Test
    void aStatusChangeEndsTheCopiesAtItsCommit() {
        String first = services();
        assertThat(first).contains("\"up\"").doesNotContain("\"down\"");
        // written as the checks write it: the next visitor sees it, not the hour-long copy
        data.announcedEvent(web, "down", "broken", Instant.now().minusSeconds(5));
        assertThat(services()).contains("\"down\"");
    }

    /** The public service list, as a visitor gets it. */
    private static String services() {
        return given().get("/api/v1/services").then().statusCode(200).extract().asString();
    }

    @Test
    void aCopyGoesGzippedToWhoeverTakesGzip() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        String copy = given().header("Accept-Encoding", "gzip")
                .get("/")
                .then()
                .statusCode(200)
                .header("Content-Encoding", "gzip")
                .extract()
                .asString();
        assertThat(copy).isEqualTo(page).contains("Web");
        String plain = given().config(io.restassured.RestAssured.config()
                        .decoderConfig(io.restassured.config.DecoderConfig.decoderConfig()
                                .noContentDecoders()))
                .header("Accept-Encoding", "identity")
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(plain).isEqualTo(page);
        assertThat(FreshCopies.acceptsGzip("br, gzip;q=0.8")).isTrue();
        assertThat(FreshCopies.acceptsGzip("gzip;q=0, br")).isFalse();
        assertThat(FreshCopies.acceptsGzip(null)).isFalse();
    }

    @Test
    void anAddressChoosingALanguageIsAlwaysBuilt() {
        given().get("/?lang=fr").then().statusCode(200);
        // the answer sets the visitor's language cookie each time: never a copy without it
        given().get("/?lang=fr").then().statusCode(200).cookie("vigie_lang");
    }
}
