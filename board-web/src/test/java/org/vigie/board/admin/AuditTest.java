package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.audit.AuditEntry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The audit log: each admin change, through the pages or the API, leaves one entry with its actor (the admin, or the
 * token's name), what changed and when; refused and failed writes leave none. Shown on /admin/audit and
 * /admin/api/v1/audit, newest first, paged.
 */
@QuarkusTest
class AuditTest extends AdminTest {

    @Test
    void changesAreRecordedWithTheirActor() {
        String ci = admin.newToken("deploy pipeline", AdminRole.EDITOR);
        given().auth()
                .oauth2(ci)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Shop\",\"slug\":\"shop\",\"target\":\"https://shop.example.org/\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        long incident = given().auth()
                .oauth2(ci)
                .contentType(ContentType.JSON)
                .body("{\"title\":\"Slow shop\",\"message\":\"Looking\"}")
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");

        AdminFixtures.Session owner = AdminFixtures.login();
        owner.form()
                .formParam("title", "Slow shop, found")
                .formParam("impact", "minor")
                .post("/admin/incidents/" + incident)
                .then()
                .statusCode(303);
        owner.form()
                .formParam("name", "Our board")
                .formParam("historyDays", "7")
                .formParam("timeZone", "UTC")
                .post("/admin/settings")
                .then()
                .statusCode(303);
        // a failed write changed nothing: no entry; nor did a form that found nothing to change
        owner.form().formParam("name", "").post("/admin/services").then().statusCode(400);
        owner.form().post("/admin/tokens/999999/revoke").then().statusCode(303);

        List<AuditEntry> entries = admin.audit();
        assertThat(entries)
                .extracting(e -> e.actor, e -> e.actorKind, e -> e.action, e -> e.entityType, e -> e.entityId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("admin", "ADMIN", "update", "settings", null),
                        org.assertj.core.groups.Tuple.tuple(
                                "admin", "ADMIN", "update", "incidents", Long.toString(incident)),
                        org.assertj.core.groups.Tuple.tuple(
                                "deploy pipeline", "TOKEN", "create", "incidents", Long.toString(incident)),
                        org.assertj.core.groups.Tuple.tuple("deploy pipeline", "TOKEN", "create", "services", "shop"));
        assertThat(entries.getFirst().summary).isEqualTo("POST /admin/settings");
        assertThat(entries).allSatisfy(e -> assertThat(e.at).isNotNull());
    }

    @Test
    void adminChangesSayWhatChanged() {
        AdminFixtures.Session owner = AdminFixtures.login();
        owner.form()
                .formParam("username", "gil")
                .formParam("role", "viewer")
                .formParam("password", "gil-password-1")
                .post("/admin/admins")
                .then()
                .statusCode(200);
        owner.form()
                .formParam("role", "editor")
                .post("/admin/admins/" + admin.adminNamed("gil").id + "/role")
                .then()
                .statusCode(303);

        owner.form()
                .formParam("name", "reader")
                .formParam("role", "viewer")
                .post("/admin/tokens")
                .then()
                .statusCode(200);
        long token = admin.token("reader").id;
        owner.form().post("/admin/tokens/" + token + "/revoke").then().statusCode(303);

        assertThat(admin.audit())
                .extracting(e -> e.action + " " + e.entityType + " " + e.entityId + ": " + e.summary)
                .containsExactly(
                        "revoke tokens " + token + ": POST /admin/tokens/" + token + "/revoke",
                        "create tokens " + token + ": created token reader (viewer)",
                        "role admins gil: made admin gil editor (their sessions ended)",
                        "create admins gil: added admin gil as viewer");
    }

    @Test
    void thePageAndTheApiListTheLogNewestFirstByPages() {
        for (int i = 1; i <= 3; i++) {
            api().contentType(ContentType.JSON)
                    .body("{\"name\":\"Group " + i + "\",\"slug\":\"g" + i + "\"}")
                    .post("/admin/api/v1/service-lists")
                    .then()
                    .statusCode(201);
        }
        JsonPath first = api().queryParam("limit", 2)
                .get("/admin/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getList("entries.entityId")).containsExactly("g3", "g2");
        assertThat(first.getList("entries.actor")).containsOnly("vigie.admin.api-token");
        assertThat(first.getList("entries.entityType")).containsOnly("groups");
        JsonPath second = api().queryParam("limit", 2)
                .queryParam("before", first.getLong("next"))
                .get("/admin/api/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getList("entries.entityId")).containsExactly("g1");
        assertThat(second.getString("next")).isNull();
        api().queryParam("limit", 0).get("/admin/api/v1/audit").then().statusCode(400);

        AdminFixtures.Session viewer = viewer();
        String page = viewer.given()
                .get("/admin/audit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(Jsoup.parse(page).select("#audit tbody tr").eachText())
                .hasSize(3)
                .first()
                .satisfies(row -> assertThat(row).contains("vigie.admin.api-token (token)", "groups g3"));
    }

    private AdminFixtures.Session viewer() {
        admin.addAdmin("vic", AdminRole.VIEWER, "vic-password-1");
        return AdminFixtures.login("vic", "vic-password-1");
    }
}
