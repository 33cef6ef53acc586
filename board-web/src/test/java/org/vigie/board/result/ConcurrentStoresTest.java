package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.event.CheckState;
import org.vigie.board.event.Event;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two writers storing results of the same services at once, as two board-web instances consuming one queue do:
 * no counter update is lost and no transition is written twice.
 */
@QuarkusTest
class ConcurrentStoresTest {

    private static final int SERVICES = 20;
    private static final int ROUNDS = 10;

    @Inject
    TestData data;

    @Inject
    ResultStore store;

    @BeforeEach
    void clean() {
        data.clear();
    }

    @Test
    void twoWritersLoseNoFailureCountAndWriteEachTransitionOnce() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            ids.add(data.service("svc-" + i, "tcp://127.0.0.1:9"));
        }
        Instant t = Instant.now().minusSeconds(600);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int w = writer;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        List<CheckResult> batch = new ArrayList<>();
                        // each writer stores every service's failures, in opposite service orders; all at one time, so
                        // that none is older than another and every one must count
                        for (int i = 0; i < SERVICES; i++) {
                            long id = ids.get(w == 0 ? i : SERVICES - 1 - i);
                            batch.add(TestData.result(id, Outcome.DOWN, "refused", t));
                        }
                        storeRetryingConflicts(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertThat(failures(id)).as("failures in a row of service %d", id).isEqualTo(2 * ROUNDS);
            assertThat(downEvents(id)).as("Down events of service %d", id).isEqualTo(1);
        }
    }

    /** What ResultConsumer does with a transient failure (the other writer inserted the same new row first). */
    private void storeRetryingConflicts(List<CheckResult> batch) {
        for (int attempt = 0; ; attempt++) {
            try {
                store.store(batch);
                return;
            } catch (RuntimeException e) {
                if (StoreFailures.isPermanent(e) || attempt > 20) {
                    throw e;
                }
            }
        }
    }

    @Transactional
    int failures(long id) {
        CheckState state = CheckState.findById(id);
        return state.consecutiveFailures;
    }

    long downEvents(long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Event.count("service.id = ?1 and status.slug = 'down'", id));
    }
}
