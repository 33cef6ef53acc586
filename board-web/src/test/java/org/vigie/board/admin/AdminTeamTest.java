package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.web.Conflict;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Owners manage the admins on /admin/admins: add one (a password made and shown once, or typed), change a role
 * (which ends that admin's sessions), remove one; the last owner can be neither demoted nor removed.
 */
@QuarkusTest
class AdminTeamTest extends AdminTest {

    @Test
    void anOwnerAddsAnAdminWhoseMadePasswordIsShownOnce() {
        AdminFixtures.Session owner = AdminFixtures.login();
        Response added = owner.form()
                .formParam("username", "bob")
                .formParam("role", "editor")
                .formParam("password", "")
                .post("/admin/admins");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.getHeader("Cache-Control")).contains("no-store");
        String password =
                Jsoup.parse(added.asString()).selectFirst("#new-password").text();
        assertThat(password).hasSizeGreaterThanOrEqualTo(AdminUsers.MIN_PASSWORD_LENGTH);
        assertThat(admin.adminNamed("bob").role).isEqualTo(AdminRole.EDITOR);

        AdminFixtures.login("bob", password); // the password works
        String list = owner.given().get("/admin/admins").asString();
        assertThat(Jsoup.parse(list).select("#admins tbody tr").eachText())
                .anySatisfy(row -> assertThat(row).startsWith("bob editor"));
        assertThat(list).doesNotContain(password);
    }

    @Test
    void aTakenNameOrABadRoleIsRefusedWithTheField() {
        AdminFixtures.Session owner = AdminFixtures.login();
        Response taken = owner.form()
                .formParam("username", "admin")
                .formParam("role", "viewer")
                .formParam("password", "long-enough-password")
                .post("/admin/admins");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.asString()).contains("an admin named admin already exists");
        Response badRole = owner.form()
                .formParam("username", "carol")
                .formParam("role", "god")
                .formParam("password", "long-enough-password")
                .post("/admin/admins");
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(badRole.asString()).contains(AdminRole.RULE);
        assertThat(admin.adminNamed("carol")).isNull();
    }

    @Test
    void changingARoleEndsThatAdminsSessionsAndTheNewRoleApplies() {
        admin.addAdmin("dora", AdminRole.OWNER, "dora-password-1");
        AdminFixtures.Session dora = AdminFixtures.login("dora", "dora-password-1");
        AdminFixtures.Session owner = AdminFixtures.login();
        long id = admin.adminNamed("dora").id;

        // the same role again changes nothing: the sessions stay
        owner.form()
                .formParam("role", "owner")
                .post("/admin/admins/" + id + "/role")
                .then()
                .statusCode(303);
        dora.given().get("/admin/services").then().statusCode(200);

        owner.form()
                .formParam("role", "viewer")
                .post("/admin/admins/" + id + "/role")
                .then()
                .statusCode(303);

        assertThat(admin.adminNamed("dora").role).isEqualTo(AdminRole.VIEWER);
        Response old = dora.given().get("/admin/services");
        assertThat(old.statusCode()).as("the old session is refused").isEqualTo(302);
        assertThat(old.getHeader("Location")).startsWith("/admin/login");

        AdminFixtures.Session again = AdminFixtures.login("dora", "dora-password-1");
        Response refused = again.form().formParam("name", "Hacked").post("/admin/settings");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.asString()).contains("your role, viewer, cannot make this change");
        // the owner's own session is untouched
        owner.given().get("/admin/admins").then().statusCode(200);
    }

    @Test
    void removingAnAdminEndsTheirSessions() {
        admin.addAdmin("erin", AdminRole.EDITOR, "erin-password-1");
        AdminFixtures.Session erin = AdminFixtures.login("erin", "erin-password-1");
        AdminFixtures.Session owner = AdminFixtures.login();

        owner.form()
                .post("/admin/admins/" + admin.adminNamed("erin").id + "/delete")
                .then()
                .statusCode(303);

        assertThat(admin.adminNamed("erin")).isNull();
        assertThat(erin.given().get("/admin/services").statusCode()).isEqualTo(302);
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        AdminFixtures.Session owner = AdminFixtures.login();
        long id = admin.adminNamed(AdminFixtures.ADMIN).id;

        Response demoted = owner.form().formParam("role", "editor").post("/admin/admins/" + id + "/role");
        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(demoted.asString()).contains("the board needs at least one owner");
        Response removed = owner.form().post("/admin/admins/" + id + "/delete");
        assertThat(removed.statusCode()).isEqualTo(409);
        assertThat(removed.asString()).contains("the board needs at least one owner");
        assertThat(admin.adminNamed(AdminFixtures.ADMIN).role).isEqualTo(AdminRole.OWNER);
        owner.given().get("/admin/admins").then().statusCode(200); // still logged in

        // with a second owner, the first may step down
        admin.addAdmin("frank", AdminRole.OWNER, "frank-password-1");
        owner.form()
                .formParam("role", "editor")
                .post("/admin/admins/" + id + "/role")
                .then()
                .statusCode(303);
        assertThat(admin.adminNamed(AdminFixtures.ADMIN).role).isEqualTo(AdminRole.EDITOR);
        assertThat(owner.given().get("/admin/services").statusCode()).isEqualTo(302);
    }

    @Inject
    AdminUsers users;

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        admin.addAdmin("gus", AdminRole.OWNER, "gus-password-12");
        long first = admin.adminNamed(AdminFixtures.ADMIN).id;
        long second = admin.adminNamed("gus").id;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes =
                    List.of(two.submit(() -> demote(start, first)), two.submit(() -> demote(start, second)));
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactlyInAnyOrder("demoted", "refused");
        } finally {
            two.shutdownNow();
        }
        long owners = List.of(AdminFixtures.ADMIN, "gus").stream()
                .filter(n -> admin.adminNamed(n).role == AdminRole.OWNER)
                .count();
        assertThat(owners).isEqualTo(1);
    }

    private String demote(CountDownLatch start, long id) throws InterruptedException {
        start.await();
        try {
            users.changeRole(id, AdminRole.VIEWER);
            return "demoted";
        } catch (Conflict e) {
            return "refused";
        }
    }

    @Test
    void tokensHaveARoleToo() {
        AdminFixtures.Session owner = AdminFixtures.login();
        String page = owner.form()
                .formParam("name", "reader")
                .formParam("role", "viewer")
                .post("/admin/tokens")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String token = Jsoup.parse(page).selectFirst("#new-token").text();
        assertThat(admin.token("reader").role).isEqualTo(AdminRole.VIEWER);
        given().auth().oauth2(token).get("/admin/api/v1/audit").then().statusCode(200);
        Response refused = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"name\":\"Shop\"}")
                .post("/admin/api/v1/services");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.jsonPath().getString("message")).contains("your role, viewer, cannot make this change");
    }
}
