package org.vigie.board.pool;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.TestData;
import org.vigie.board.TestData.EventRow;
import org.vigie.board.pool.service.PoolWatch;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A service checked from three pools against the real database: each pool's results move its own state, the board
 * shows the quorum's verdict (a majority by default) with the pools that agreed, and silent pools make it Unknown.
 */
@QuarkusTest
class PoolVerdictsTest extends AdminTest {

    @Inject
    ResultStore store;

    @Inject
    PoolWatch watch;

    @Inject
    EntityManager em;

    @Test
    void theBoardShowsWhatAMajorityOfPoolsSaysAndWhichPoolsAgreed() {
        long id = data.service("web", "https://web.example.org/");
        api().contentType(ContentType.JSON)
                .body(Map.of("pools", List.of("eu-west", "us-east", "office-lan")))
                .post("/admin/api/v1/services/web")
                .then()
                .statusCode(200)
                .body("pools", is(List.of("eu-west", "us-east", "office-lan")))
                .body("quorum", nullValue());
        Instant t = Instant.now().minusSeconds(60);

        // every pool up: nothing changes
        store(id, t, "eu-west", Outcome.UP, "HTTP 200");
        store(id, t, "us-east", Outcome.UP, "HTTP 200");
        store(id, t, "office-lan", Outcome.UP, "HTTP 200");
        assertThat(data.eventsOf(id)).isEmpty();

        // one pool down (twice: the debounce is per pool): a minority, still up
        for (int i = 1; i <= 2; i++) {
            store(id, t.plusSeconds(10 * i), "eu-west", Outcome.DOWN, "connection refused");
            store(id, t.plusSeconds(10 * i), "office-lan", Outcome.UP, "HTTP 200");
        }
        assertThat(data.eventsOf(id)).isEmpty();

        // a second pool down: the majority says down
        store(id, t.plusSeconds(20), "us-east", Outcome.DOWN, "connection refused");
        assertThat(data.eventsOf(id)).isEmpty(); // us-east's first failure: not yet its verdict
        store(id, t.plusSeconds(30), "us-east", Outcome.DOWN, "connection refused");
        List<EventRow> events = data.eventsOf(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).statusSlug()).isEqualTo("down");
        assertThat(events.get(0).message())
                .isEqualTo("down from eu-west and us-east: connection refused; up from office-lan: HTTP 200");
        assertThat(currentStatus(id)).isEqualTo("down");

        // us-east back: one pool of three down is not a majority
        store(id, t.plusSeconds(40), "us-east", Outcome.UP, "HTTP 200");
        events = data.eventsOf(id);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).statusSlug()).isEqualTo("up");
        assertThat(events.get(0).message())
                .isEqualTo("up from us-east and office-lan: HTTP 200; down from eu-west: connection refused");

        // each pool's results and uptime are kept apart; the admin API shows them
        assertThat(count("select count(*) from check_results where service_id = ?1 and pool = 'eu-west'", id))
                .isEqualTo(3);
        assertThat(count("select sum(checks) from pool_daily where service_id = ?1", id))
                .isEqualTo(count("select sum(checks) from check_daily where service_id = ?1", id));
        api().get("/admin/api/v1/services/web")
                .then()
                .statusCode(200)
                .body("poolChecks.pool", is(List.of("eu-west", "office-lan", "us-east")))
                .body("poolChecks.find { it.pool == 'eu-west' }.outcome", is("DOWN"))
                .body("poolChecks.find { it.pool == 'us-east' }.outcome", is("UP"));
        // the admin page shows the pools too
        org.vigie.board.admin.AdminFixtures.login()
                .given()
                .get("/admin/services/web")
                .then()
                .statusCode(200)
                .body(containsString("id=\"pool-eu-west\""));

        // the public page and API show each pool, in the service's order
        given().get("/services/web")
                .then()
                .statusCode(200)
                .body(containsString("data-pool=\"eu-west\" data-says=\"down\""))
                .body(containsString("data-pool=\"us-east\" data-says=\"up\""));
        given().get("/api/v1/services/web/pools")
                .then()
                .statusCode(200)
                .body("pools.pool", is(List.of("eu-west", "us-east", "office-lan")))
                .body("pools[0].says", is("down"))
                .body("pools[0].'last-check'.reason", is("connection refused"))
                .body("pools[0].checks", is(3));

        // every pool silent for longer than the threshold: the board says Unknown, and says which pools went quiet
        assertThat(watch.sweep(Instant.now().plus(Duration.ofMinutes(10)))).isEqualTo(1);
        events = data.eventsOf(id);
        assertThat(events.get(0).statusSlug()).isEqualTo("unknown");
        assertThat(events.get(0).message())
                .startsWith("no result from eu-west, us-east and office-lan: no check result");
        given().get("/api/v1/services/web/pools")
                .then()
                .body("pools.says", is(List.of("unknown", "unknown", "unknown")));
        // deciding again changes nothing more
        assertThat(watch.sweep(Instant.now().plus(Duration.ofMinutes(10)))).isZero();
        assertThat(data.eventsOf(id)).hasSize(3);
    }

    @Test
    void poolsAndQuorumAreCheckedWhenSaved() {
        data.service("db", "tcp://db.example:5432");
        api().contentType(ContentType.JSON)
                .body(Map.of("pools", "eu-west, eu west"))
                .post("/admin/api/v1/services/db")
                .then()
                .statusCode(400)
                .body("message", containsString("pools"))
                .body("message", containsString("'eu west'"));
        api().contentType(ContentType.JSON)
                .body(Map.of("pools", "eu-west,us-east", "quorum", "3"))
                .post("/admin/api/v1/services/db")
                .then()
                .statusCode(400)
                .body("message", containsString("quorum must be between 1 and 2"));
        // nothing half-stored
        api().get("/admin/api/v1/services/db").then().body("pools", is(List.of("default")));
        api().contentType(ContentType.JSON)
                .body(Map.of("pools", "EU-west, us-east", "quorum", "1"))
                .post("/admin/api/v1/services/db")
                .then()
                .statusCode(200)
                .body("pools", hasItems("eu-west", "us-east"))
                .body("quorum", is(1));
    }

    private void store(long serviceId, Instant at, String pool, Outcome outcome, String reason) {
        store.store(List.of(TestData.result(serviceId, outcome, reason, at, pool)));
    }

    @Transactional
    String currentStatus(long serviceId) {
        return (String) em.createNativeQuery(
                        "select st.slug from services s join statuses st on st.id = s.status_id where s.id = ?1")
                .setParameter(1, serviceId)
                .getSingleResult();
    }

    @Transactional
    long count(String sql, long serviceId) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, serviceId).getSingleResult()).longValue();
    }
}
