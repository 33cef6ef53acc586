package org.vigie.board.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code /api/v1/services} keeps stashboard's shape and pages by cursor in the board's order. */
@QuarkusTest
class ServicesApiPagingTest {

    @Inject
    PublicData data;

    @Inject
    TestData testData;

    List<Long> ids;

    @BeforeEach
    void twentyFiveServices() {
        data.clear();
        ids = data.services("svc", 25, null, Instant.parse("2026-10-01T00:00:00Z"));
    }

    private static JsonPath get(String query) {
        return given().get("/api/v1/services" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void withoutALimitTheWholeListAsBefore() {
        JsonPath all = get("");
        assertThat(all.getList("services.id", String.class)).hasSize(25).startsWith("svc-00000");
        assertThat(all.getString("next")).isNull();
    }

    @Test
    void pagesFollowTheirNextCursorToTheEnd() {
        List<String> seen = new ArrayList<>();
        JsonPath page = get("?limit=10");
        int pages = 1;
        while (true) {
            seen.addAll(page.getList("services.id", String.class));
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            assertThat(page.getString("next-url")).endsWith("/api/v1/services?limit=10&cursor=" + next);
            page = get("?limit=10&cursor=" + next);
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(String.format("svc-%05d", i));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void badLimitsAndCursorsAreRefusedNamingTheField() {
        given().get("/api/v1/services?limit=0")
                .then()
                .statusCode(400)
                .body("message", containsString("limit must be a number from 1 to 5000"));
        given().get("/api/v1/services?limit=10&cursor=abc")
                .then()
                .statusCode(400)
                .body("message", containsString("cursor"));
        String next = get("?limit=10").getString("next");
        testData.deleteService(Long.parseLong(next));
        given().get("/api/v1/services?limit=10&cursor=" + next)
                .then()
                .statusCode(400)
                .body("message", containsString("gone"))
                .body("services", nullValue());
    }
}
