package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;

/** Pruning against the real database: old raw results and hourly rollups go, recent ones and daily rollups stay. */
@QuarkusTest
class ResultRetentionTest {

    @Inject
    TestData data;

    @Inject
    ResultStore store;

    @Inject
    ResultRetention retention;

    @Inject
    EntityManager em;

    @BeforeEach
    void clean() {
        data.clear();
    }

    @Test
    void deletesWhatIsPastItsRetentionAndKeepsTheRest() {
        long id = data.service("api", "tcp://127.0.0.1:9");
        Instant now = Instant.now();
        List<CheckResult> results = new ArrayList<>();
        // 12,000 old results (more than two pruning chunks), then recent ones
        for (int i = 0; i < 12_000; i++) {
            results.add(TestData.result(
                    id, Outcome.UP, "connected", now.minus(Duration.ofDays(100)).plusSeconds(i)));
        }
        CheckResult recent = TestData.result(id, Outcome.DOWN, "connection refused", now.minusSeconds(60));
        results.add(recent);
        results.add(TestData.result(id, Outcome.UP, "connected", now.minus(Duration.ofDays(6))));
        for (int i = 0; i < results.size(); i += 500) {
            store.store(results.subList(i, Math.min(results.size(), i + 500)));
        }

        ResultRetention.Pruned pruned = retention.prune();

        assertThat(pruned.results()).isEqualTo(12_000);
        assertThat(StoredResult.count("serviceId", id)).isEqualTo(2);
        assertThat(StoredResult.countForTask(recent.taskId())).isEqualTo(1);
        assertThat(count("check_hourly")).as("the recent hours' rollups stay").isEqualTo(2);
        assertThat(pruned.hourly()).isPositive();
        assertThat(count("check_daily"))
                .as("daily rollups are the long history")
                .isGreaterThan(2);
        assertThat(retention.prune()).isEqualTo(new ResultRetention.Pruned(0, 0));
    }

    @Transactional
    long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }
}
