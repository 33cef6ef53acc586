package org.vigie.board.group;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.service.Service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GroupApiTest extends AdminTest {

    private static final String URL = "/admin/api/v1/service-lists";

    @Test
    void createsUpdatesAndDeletesAGroupKeepingItsServices() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Core services\",\"description\":\"What customers use\",\"order\":1}")
                .post(URL)
                .then()
                .statusCode(201)
                .header("Location", "/api/v1/service-lists/core-services")
                .body("id", equalTo("core-services"))
                .body("order", equalTo(1));
        api().contentType(ContentType.URLENC)
                .formParam("name", "Web")
                .formParam("group", "core-services")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        api().contentType(ContentType.URLENC)
                .formParam("name", "Core")
                .formParam("order", "2")
                .post(URL + "/core-services")
                .then()
                .statusCode(200)
                .body("name", equalTo("Core"))
                .body("order", equalTo(2))
                .body("description", equalTo("What customers use"));

        api().delete(URL + "/core-services").then().statusCode(200).body("id", equalTo("core-services"));
        assertThat(Group.count()).isZero();
        assertThat(groupOf("web")).isNull();
        assertThat(Service.count()).isEqualTo(1);
    }

    @Test
    void refusesBadInputDuplicatesAndUnknownSlugs() {
        api().contentType(ContentType.JSON)
                .body("{\"description\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(400)
                .body("message", equalTo("name is required"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Core\",\"order\":\"first\"}")
                .post(URL)
                .then()
                .statusCode(400)
                .body("message", equalTo("order \"first\" is not a whole number"));
        assertThat(Group.count()).isZero();
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Core\"}")
                .post(URL)
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"core\"}")
                .post(URL)
                .then()
                .statusCode(409);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .put(URL + "/nope")
                .then()
                .statusCode(404);
        api().delete(URL + "/nope").then().statusCode(404).body("message", equalTo("no group \"nope\""));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"Other\"}")
                .post(URL)
                .then()
                .statusCode(401);
        assertThat(Group.count()).isEqualTo(1);
    }

    @Transactional
    String groupOf(String slug) {
        Group g = Service.findBySlug(slug).orElseThrow().group;
        return g == null ? null : g.slug;
    }
}
