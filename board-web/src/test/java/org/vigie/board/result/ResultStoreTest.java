package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;

/** The batch writer against the real database: rollups, evidence, idempotence. */
@QuarkusTest
class ResultStoreTest {

    @Inject
    TestData data;

    @Inject
    ResultStore store;

    @Inject
    EntityManager em;

    @BeforeEach
    void clean() {
        data.clear();
    }

    @Test
    void rollsResultsUpByDayAndHourAndStoresABatchOnce() {
        long id = data.service("api", "http://127.0.0.1:9/");
        Instant t = Instant.parse("2026-11-25T10:15:00Z");
        CheckResult slowFailure = new CheckResult(
                "t3",
                id,
                Outcome.DOWN,
                900,
                "HTTP 503",
                "w",
                t.plusSeconds(120),
                t.plusSeconds(121),
                Map.of("status-line", "HTTP/1.1 503 Service Unavailable", "body", "maintenance"));
        List<CheckResult> batch = List.of(
                new CheckResult(
                        "t1",
                        id,
                        Outcome.UP,
                        100,
                        "HTTP 200",
                        "w",
                        t,
                        t.plusMillis(100),
                        Map.of("address", "127.0.0.1")),
                new CheckResult("t2", id, Outcome.WARNING, 300, "slow", "w", t.plusSeconds(60), t.plusSeconds(60)),
                slowFailure,
                new CheckResult("t4", id, Outcome.UP, 50, "HTTP 200", "w", t.plusSeconds(3600), t.plusSeconds(3600)));

        ResultStore.Outcomes first = store.store(batch);
        ResultStore.Outcomes again = store.store(batch);

        assertThat(first.stored()).isEqualTo(4);
        assertThat(again.stored()).isZero();
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(row(
                        "select checks, up, warning, down, latency_sum_ms, latency_max_ms from check_daily where service_id = ?1",
                        id))
                .containsExactly(4L, 2L, 1L, 1L, 1350L, 900L);
        assertThat(rows("select checks from check_hourly where service_id = ?1 order by hour", id))
                .containsExactly(3L, 1L);
        assertThat(evidence("t3"))
                .contains("\"status-line\":\"HTTP/1.1 503 Service Unavailable\"", "\"body\":\"maintenance\"");
        assertThat(evidence("t1")).as("evidence of an up result is not kept").isNull();
        assertThat(stored("t2").publicReason)
                .as("a result without public reason: its outcome's word")
                .isEqualTo("Warning");
    }

    @Test
    void aResultsPublicReasonIsStoredBesideItsReasonOnTheResultTheStateAndTheEvent() {
        long id = data.service("dns", "dns://db.internal.example?expect=10.0.3.9");
        Instant t = Instant.parse("2026-11-25T10:15:00Z");
        for (int i = 0; i < 2; i++) {
            store.store(List.of(new CheckResult(
                    "p" + i,
                    id,
                    Outcome.DOWN,
                    5,
                    "resolved 10.0.3.7, expected 10.0.3.9",
                    "DNS answer did not match",
                    "w",
                    t.plusSeconds(60L * i),
                    t.plusSeconds(60L * i),
                    null,
                    Map.of())));
        }
        assertThat(stored("p1").reason).isEqualTo("resolved 10.0.3.7, expected 10.0.3.9");
        assertThat(stored("p1").publicReason).isEqualTo("DNS answer did not match");
        assertThat(row(id, "select last_reason, last_public_reason from check_states where service_id = ?1"))
                .containsExactly("resolved 10.0.3.7, expected 10.0.3.9", "DNS answer did not match");
        assertThat(row(id, "select message, public_message from events where service_id = ?1"))
                .containsExactly("resolved 10.0.3.7, expected 10.0.3.9", "DNS answer did not match");
    }

    @Transactional
    List<Object> row(long id, String sql) {
        return Arrays.asList(
                (Object[]) em.createNativeQuery(sql).setParameter(1, id).getSingleResult());
    }

    @Transactional
    StoredResult stored(String taskId) {
        return StoredResult.<StoredResult>find("taskId", taskId).firstResult();
    }

    @Transactional
    List<Object> row(String sql, long id) {
        Object[] r = (Object[]) em.createNativeQuery(sql).setParameter(1, id).getSingleResult();
        return Arrays.stream(r).map(v -> (Object) ((Number) v).longValue()).toList();
    }

    @Transactional
    List<Long> rows(String sql, long id) {
        return ((List<?>) em.createNativeQuery(sql).setParameter(1, id).getResultList())
                .stream().map(v -> ((Number) v).longValue()).toList();
    }

    @Transactional
    String evidence(String taskId) {
        return StoredResult.<StoredResult>find("taskId", taskId).firstResult().evidence;
    }
}
