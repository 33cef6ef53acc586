package org.vigie.board.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A service's {@code incidents} setting through the admin API and the admin form: checked, stored, shown. */
@QuarkusTest
class IncidentSettingTest extends AdminTest {

    private static final String URL = "/admin/api/v1/services";

    @Test
    void theApiTakesOffDraftOrPublishAndNamesTheFieldOnAnythingElse() {
        // none given: the board's default (vigie.incidents.draft-on-down, true)
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "Shop"))
                .post(URL)
                .then()
                .statusCode(201)
                .body("incidents", equalTo("draft"));
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "Mail", "incidents", "publish"))
                .post(URL)
                .then()
                .statusCode(201)
                .body("incidents", equalTo("publish"));
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "Bad", "incidents", "sometimes"))
                .post(URL)
                .then()
                .statusCode(400)
                .body("message", equalTo("incidents \"sometimes\" is not one of off, draft, publish"));
        api().get(URL + "/bad").then().statusCode(404);

        // a form post (stashboard's clients), then back to the default with an empty value
        api().contentType(ContentType.URLENC)
                .formParam("incidents", "OFF")
                .post(URL + "/mail")
                .then()
                .statusCode(200)
                .body("incidents", equalTo("off"));
        api().contentType(ContentType.URLENC)
                .formParam("incidents", "never")
                .post(URL + "/mail")
                .then()
                .statusCode(400)
                .body("message", equalTo("incidents \"never\" is not one of off, draft, publish"));
        api().get(URL + "/mail").then().body("incidents", equalTo("off"));
        // a change of something else keeps it
        api().contentType(ContentType.JSON)
                .body(Map.of("description", "Outgoing mail"))
                .post(URL + "/mail")
                .then()
                .statusCode(200)
                .body("incidents", equalTo("off"));
        api().contentType(ContentType.JSON)
                .body(Map.of("incidents", ""))
                .post(URL + "/mail")
                .then()
                .statusCode(200)
                .body("incidents", equalTo("draft"));
    }

    @Test
    void theServiceFormOffersTheSettingAndShowsAWrongValueBesideIt() {
        data.service("shop", "https://shop.example.org/");
        AdminFixtures.Session session = AdminFixtures.login();
        Document form =
                Jsoup.parse(session.given().get("/admin/services/shop/edit").asString());
        assertThat(form.select("select#incidents option").eachAttr("value"))
                .containsExactly("", "off", "draft", "publish");
        assertThat(form.select("select#incidents option[selected]").text()).isEqualTo("The board's default (draft)");

        Document refused = Jsoup.parse(session.form()
                .formParam("name", "shop")
                .formParam("target", "https://shop.example.org/")
                .formParam("interval", "60")
                .formParam("incidents", "loudly")
                .post("/admin/services/shop")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        assertThat(refused.select("#incidents-error").text())
                .isEqualTo("incidents \"loudly\" is not one of off, draft, publish");

        session.form()
                .formParam("name", "shop")
                .formParam("target", "https://shop.example.org/")
                .formParam("interval", "60")
                .formParam("incidents", "publish")
                .post("/admin/services/shop")
                .then()
                .statusCode(303);
        assertThat(Jsoup.parse(session.given().get("/admin/services/shop").asString())
                        .select("#incidents-on-down")
                        .text())
                .isEqualTo("publish");
        assertThat(Jsoup.parse(session.given().get("/admin/services/shop/edit").asString())
                        .select("select#incidents option[selected]")
                        .attr("value"))
                .isEqualTo("publish");

        // the form's default choice sends an empty value: the board's default again
        session.form()
                .formParam("name", "shop")
                .formParam("target", "https://shop.example.org/")
                .formParam("interval", "60")
                .formParam("incidents", "")
                .post("/admin/services/shop")
                .then()
                .statusCode(303);
        assertThat(Jsoup.parse(session.given().get("/admin/services/shop").asString())
                        .select("#incidents-on-down")
                        .text())
                .isEqualTo("draft (the board's default)");
    }
}
