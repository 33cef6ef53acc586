package org.vigie.board.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.group.Group;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Update, delete, read and "check now" through the admin API; the schedule follows the target. */
@QuarkusTest
class ServiceUpdateTest extends AdminTest {

    private static final String URL = "/admin/api/v1/services";

    @Test
    void updatesFieldsKeepsTheSlugAndLeavesOutFieldsAlone() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\",\"description\":\"SMTP\",\"interval\":30}")
                .post(URL)
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Mail relay\",\"order\":\"3\"}")
                .put(URL + "/mail")
                .then()
                .statusCode(200)
                .body("id", equalTo("mail"))
                .body("name", equalTo("Mail relay"))
                .body("description", equalTo("SMTP"))
                .body("interval", equalTo(30))
                .body("order", equalTo(3));
        api().contentType(ContentType.URLENC)
                .formParam("description", "Outgoing mail")
                .post(URL + "/mail")
                .then()
                .statusCode(200)
                .body("description", equalTo("Outgoing mail"))
                .body("name", equalTo("Mail relay"));
        api().get(URL + "/mail")
                .then()
                .statusCode(200)
                .body("name", equalTo("Mail relay"))
                .body("status", equalTo("up"));
    }

    @Test
    void refusesASlugChangeAndBadValuesWithoutChangingAnything() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\",\"target\":\"tcp://mail.example.org:25\"}")
                .post(URL)
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"slug\":\"post\"}")
                .post(URL + "/mail")
                .then()
                .statusCode(400)
                .body("message", equalTo("slug cannot change: it is in links, feeds and API clients"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"New name\",\"target\":\"tcp://mail.example.org\"}")
                .post(URL + "/mail")
                .then()
                .statusCode(400)
                .body("message", startsWith("target: tcp needs a port"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"New name\",\"group\":\"nope\"}")
                .post(URL + "/mail")
                .then()
                .statusCode(400)
                .body("message", equalTo("group \"nope\" does not exist"));
        Service s = service("mail");
        assertThat(s.name).isEqualTo("Mail");
        assertThat(s.target).isEqualTo("tcp://mail.example.org:25");
    }

    @Test
    void theScheduleFollowsTheTarget() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Desk\"}")
                .post(URL)
                .then()
                .statusCode(201);
        long id = service("desk").id;
        assertThat(schedule(id)).isNull();

        api().contentType(ContentType.JSON)
                .body("{\"target\":\"https://desk.example.org\"}")
                .post(URL + "/desk")
                .then()
                .statusCode(200);
        assertThat(schedule(id)).isNotNull();

        setNextCheck(id, Instant.now().plus(1, ChronoUnit.HOURS));
        api().contentType(ContentType.JSON)
                .body("{\"target\":\"https://desk.example.org/health\"}")
                .post(URL + "/desk")
                .then()
                .statusCode(200);
        assertThat(schedule(id).nextCheckAt).isBefore(Instant.now().plusSeconds(5)); // a new target is checked at once

        setNextCheck(id, Instant.now().plus(1, ChronoUnit.HOURS));
        api().contentType(ContentType.JSON)
                .body("{\"interval\":300}")
                .post(URL + "/desk")
                .then()
                .statusCode(200);
        assertThat(schedule(id).nextCheckAt)
                .isAfter(Instant.now().plus(30, ChronoUnit.MINUTES)); // interval: from the next check

        api().contentType(ContentType.JSON)
                .body("{\"target\":\"\"}")
                .post(URL + "/desk")
                .then()
                .statusCode(200)
                .body("target", nullValue());
        assertThat(schedule(id)).isNull();
    }

    @Test
    void checkNowMakesTheServiceDue() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Web\",\"target\":\"https://www.example.org\"}")
                .post(URL)
                .then()
                .statusCode(201);
        long id = service("web").id;
        setNextCheck(id, Instant.now().plus(1, ChronoUnit.HOURS));
        api().post(URL + "/web/check-now").then().statusCode(202);
        assertThat(schedule(id).nextCheckAt).isBefore(Instant.now().plusSeconds(5));

        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Phones\"}")
                .post(URL)
                .then()
                .statusCode(201);
        api().post(URL + "/phones/check-now").then().statusCode(409);
    }

    @Test
    void deletesAServiceWithItsSchedule() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Web\",\"target\":\"https://www.example.org\"}")
                .post(URL)
                .then()
                .statusCode(201);
        long id = service("web").id;
        api().delete(URL + "/web").then().statusCode(200).body("id", equalTo("web"));
        assertThat(Service.findBySlug("web")).isEmpty();
        assertThat(schedule(id)).isNull();
    }

    @Test
    void unknownSlugsAre404() {
        api().get(URL + "/nope")
                .then()
                .statusCode(404)
                .body("error", equalTo(true))
                .body("code", equalTo(404))
                .body("message", equalTo("no service \"nope\""));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL + "/nope")
                .then()
                .statusCode(404);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .put(URL + "/nope")
                .then()
                .statusCode(404);
        api().delete(URL + "/nope").then().statusCode(404);
        api().post(URL + "/nope/check-now").then().statusCode(404);
    }

    @Test
    void aServiceCanJoinAGroupByItsStashboardName() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Core\"}")
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        api().contentType(ContentType.URLENC)
                .formParam("name", "Web")
                .formParam("list", "core")
                .post(URL)
                .then()
                .statusCode(201)
                .body("group", equalTo("core"));
        assertThat(groupOf("web")).isEqualTo("core");
    }

    @Transactional
    Service service(String slug) {
        return Service.findBySlug(slug).orElseThrow();
    }

    @Transactional
    String groupOf(String slug) {
        Group g = Service.findBySlug(slug).orElseThrow().group;
        return g == null ? null : g.slug;
    }

    @Transactional
    CheckSchedule schedule(long id) {
        return CheckSchedule.findById(id);
    }

    @Transactional
    void setNextCheck(long id, Instant at) {
        CheckSchedule.<CheckSchedule>findById(id).nextCheckAt = at;
    }
}
