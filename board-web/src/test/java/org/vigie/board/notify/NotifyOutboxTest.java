package org.vigie.board.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.event.Event;
import org.vigie.board.event.StatusUpdates;
import org.vigie.board.event.StatusUpdates.EventInput;
import org.vigie.board.notify.service.Reminders;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What the outbox gets: one row per channel whose rule wants the event, written in the event's transaction; incidents
 * once published; reminders while a service stays Down.
 */
@QuarkusTest
class NotifyOutboxTest extends AdminTest {

    @Inject
    NotifyFixtures notify;

    @Inject
    StatusUpdates updates;

    @Inject
    Reminders reminders;

    @BeforeEach
    void empty() {
        notify.clear();
    }

    @AfterEach
    void emptyAfter() {
        notify.clear();
    }

    static void channel(String name, Map<String, Object> rule) {
        Map<String, Object> body = new java.util.HashMap<>(rule);
        body.put("name", name);
        body.put("kind", "webhook");
        body.put("url", "https://hooks.example.org/" + name);
        api().contentType(ContentType.JSON)
                .body(body)
                .post("/admin/api/v1/notification-channels")
                .then()
                .statusCode(201);
    }

    static void status(String slug, String status, String message) {
        api().contentType(ContentType.JSON)
                .body(Map.of("status", status, "message", message))
                .post("/admin/api/v1/services/" + slug + "/events")
                .then()
                .statusCode(201);
    }

    @Test
    void eachChannelGetsWhatItsRuleWants() {
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "Core"))
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "db", "group", "core"))
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        data.service("web", null);
        channel("all", Map.of("events", List.of("down", "warning", "unknown", "up")));
        channel("web-only", Map.of("events", List.of("down"), "services", List.of("web")));
        channel("core", Map.of("events", List.of("down", "up"), "groups", List.of("core")));
        channel("off", Map.of("events", List.of("down"), "enabled", "false"));

        status("web", "down", "the load balancer says 503");
        status("db", "warning", "replica lagging");
        status("db", "up", "caught up");

        // the outage lasted as long as the two posts took: 0 s, or 1 s on a busy machine
        assertThat(notify.written().stream().map(w -> w.replaceAll("after \\d s$", "after N s")))
                .containsExactly(
                        "down all: web is down",
                        "down web-only: web is down",
                        "warning all: db has a warning",
                        "up all: db is back up after N s",
                        "up core: db is back up after N s");
    }

    @Test
    void theOutboxRowStandsOrFallsWithItsEvent() {
        data.service("web", null);
        channel("all", Map.of("events", List.of("down")));
        QuarkusTransaction.begin();
        try {
            updates.post("web", new EventInput("down", "going down", null, null));
            assertThat(notify.count()).isEqualTo(1); // written in the event's transaction
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(notify.count()).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> Event.count())).isZero();

        updates.post("web", new EventInput("down", "going down", null, null));
        assertThat(notify.count()).isEqualTo(1);
    }

    @Test
    void incidentsNotifyOncePublished() {
        data.service("web", null);
        channel("incidents", Map.of("events", List.of("incident-opened", "incident-updated", "incident-resolved")));
        long draft = api().contentType(ContentType.JSON)
                .body(Map.of("title", "Slow pages", "message", "Looking into it", "published", "false"))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        assertThat(notify.written()).isEmpty();
        api().contentType(ContentType.JSON)
                .body(Map.of("published", "true"))
                .post("/admin/api/v1/incidents/" + draft)
                .then()
                .statusCode(200);
        api().contentType(ContentType.JSON)
                .body(Map.of("state", "identified", "message", "A full disk"))
                .post("/admin/api/v1/incidents/" + draft + "/updates")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body(Map.of())
                .post("/admin/api/v1/incidents/" + draft + "/resolve")
                .then()
                .statusCode(201);
        assertThat(notify.written())
                .containsExactly(
                        "incident-opened incidents: Incident: Slow pages",
                        "incident-updated incidents: Incident update (identified): Slow pages",
                        "incident-resolved incidents: Incident resolved: Slow pages");
    }

    @Test
    void aServiceStillDownIsRemindedEachInterval() {
        data.service("web", null);
        data.service("api", null);
        channel("pager", Map.of("events", List.of("down", "up"), "renotifyMinutes", "5"));
        channel("once", Map.of("events", List.of("down")));
        api().contentType(ContentType.JSON)
                .body(Map.of(
                        "status", "down",
                        "message", "gone",
                        "timestamp", Instant.now().minus(Duration.ofMinutes(12)).toString()))
                .post("/admin/api/v1/services/web/events")
                .then()
                .statusCode(201);
        assertThat(notify.written()).hasSize(2);
        assertThat(reminders.remind()).isZero(); // just notified

        notify.backdate(Duration.ofMinutes(6));
        assertThat(reminders.remind()).isEqualTo(1);
        assertThat(reminders.remind()).isZero();
        assertThat(notify.written().get(2)).startsWith("down pager: web is still down, for 12 min");

        status("web", "up", "back");
        notify.backdate(Duration.ofMinutes(6));
        assertThat(reminders.remind()).isZero(); // up again: no reminder
    }

    @Inject
    org.vigie.board.maintenance.service.MaintenanceCatalog maintenance;

    @Inject
    org.vigie.board.result.ResultStore store;

    @Test
    void maintenanceStartsAndEndsOnceAndQuietsWhatIsPostedMeanwhile() {
        long web = data.service("web", "http://127.0.0.1:9/");
        data.service("api", null);
        store.store(List.of(org.vigie.board.TestData.result(
                web, org.vigie.check.Outcome.UP, "HTTP 200", Instant.now().minusSeconds(120))));
        channel("quiet", Map.of("events", List.of("down", "maintenance-started", "maintenance-ended")));
        channel("loud", Map.of("events", List.of("down"), "quietInMaintenance", "false"));
        long id = maintenance
                .create(new org.vigie.board.maintenance.service.MaintenanceCatalog.MaintenanceInput(
                        "Upgrade",
                        "",
                        List.of("web", "api"),
                        Instant.now().minusSeconds(60).toString(),
                        Instant.now().plusSeconds(3600).toString(),
                        null))
                .id();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "maintenance".equals(data.currentStatus(web)));
        status("api", "down", "pulled the plug"); // an admin's event during the window
        maintenance.endNow(id);
        assertThat(notify.written())
                .contains(
                        "maintenance-started quiet: web is in maintenance",
                        "down loud: api is down",
                        "maintenance-ended quiet: web: maintenance ended, it is up")
                .doesNotContain("down quiet: api is down")
                .doesNotContain("down quiet: web is down");
    }
}
