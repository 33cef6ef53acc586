package org.vigie.board.site.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.site.PublicData;

import io.quarkus.test.junit.QuarkusTest;

/** Public answers carry an ETag, a short public Cache-Control, and answer 304 to a visitor whose copy is current. */
@QuarkusTest
class ConditionalTest {

    @Inject
    PublicData data;

    long web;

    @BeforeEach
    void oneService() {
        data.clear();
        web = data.service("web", "Web", null, 0, Instant.parse("2026-10-01T00:00:00Z"));
        data.event(web, "up", "fine", Instant.now().minusSeconds(120));
    }

    @Test
    void aCurrentCopyGetsA304AndAChangeANewTag() {
        // pages say when they were made ("as of"), so they change every second; the API, feeds and badges do not
        for (String path : new String[] {"/api/v1/services", "/api/v1/statuses", "/rss", "/badge/web.svg"}) {
            var first = given().get(path).then().statusCode(200).extract();
            String tag = first.header("ETag");
            assertThat(tag).as(path).startsWith("W/\"");
            given().header("If-None-Match", tag)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .body(emptyString())
                    .header("ETag", equalTo(tag));
        }
        String before = given().get("/api/v1/services").header("ETag");
        data.event(web, "down", "broken", Instant.now().minusSeconds(5));
        given().header("If-None-Match", before)
                .get("/api/v1/services")
                .then()
                .statusCode(200)
                .header("ETag", org.hamcrest.Matchers.not(equalTo(before)));
    }

    @Test
    void publicAnswersMayBeReusedBrieflyAndCookiesKeepThemPrivate() {
        // a page is asked again each time, cheaply: an admin's change shows at the next look
        given().get("/").then().statusCode(200).header("Cache-Control", equalTo("public, no-cache"));
        given().get("/api/v1/services").then().header("Cache-Control", equalTo("public, max-age=10"));
        // choosing a language sets a cookie: that answer is the visitor's own
        given().get("/?lang=fr").then().statusCode(200).header("Cache-Control", startsWith("private"));
        // the admin is never tagged for sharing
        given().redirects()
                .follow(false)
                .get("/admin/services")
                .then()
                .header("ETag", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        String tag = Conditional.etag("hello".getBytes());
        assertThat(Conditional.matches(tag, tag)).isTrue();
        assertThat(Conditional.matches(tag.substring(2), tag)).isTrue();
        assertThat(Conditional.matches("\"other\", " + tag, tag)).isTrue();
        assertThat(Conditional.matches("*", tag)).isTrue();
        assertThat(Conditional.matches("W/\"other\"", tag)).isFalse();
        assertThat(Conditional.matches(null, tag)).isFalse();
        assertThat(Conditional.etag("hello".getBytes())).isEqualTo(tag);
        assertThat(Conditional.etag("hellO".getBytes())).isNotEqualTo(tag);
    }
}
