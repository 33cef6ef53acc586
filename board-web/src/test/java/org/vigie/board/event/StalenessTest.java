package org.vigie.board.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.board.service.Service;
import org.vigie.board.status.Status;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;

/** Checked services without fresh results turn Unknown, once, and come back with the next result: real database. */
@QuarkusTest
class StalenessTest {

    /** Whole seconds: MariaDB may drop fractions. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Inject
    TestData data;

    @Inject
    ResultStore store;

    @Inject
    Staleness staleness;

    @Inject
    EntityManager em;

    @BeforeEach
    void clean() {
        data.clear();
    }

    @Test
    void aServiceWithoutResultsForThreeIntervalsTurnsUnknownOnceAndComesBackWithTheNextResult() {
        long web = checked("web", "http://127.0.0.1:9/"); // every 60 s: Unknown after 180 s
        Instant lastCheck = NOW.minusSeconds(181);
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", lastCheck)));
        long fresh = checked("fresh", "http://127.0.0.1:9/");
        store.store(List.of(TestData.result(fresh, Outcome.UP, "HTTP 200", NOW.minusSeconds(170))));
        long byHand = data.service("by-hand", null);
        backdate(byHand, NOW.minusSeconds(3600));

        assertThat(staleness.sweep(NOW, Instant.EPOCH)).isEqualTo(1);
        assertThat(staleness.sweep(NOW.plusSeconds(5), Instant.EPOCH)).isZero(); // already Unknown: not again

        List<TestData.EventRow> events = data.eventsOf(web);
        assertThat(events).extracting(TestData.EventRow::statusSlug).containsExactly("unknown");
        assertThat(events.get(0).source()).isEqualTo(EventSource.CHECK);
        assertThat(events.get(0).message()).isEqualTo(Staleness.reason(lastCheck, NOW));
        assertThat(events.get(0).at()).isEqualTo(NOW);
        assertThat(data.currentStatus(web)).isEqualTo("unknown");
        assertThat(unknownSince(web)).isEqualTo(NOW);
        assertThat(data.eventsOf(fresh)).isEmpty();
        assertThat(data.eventsOf(byHand)).isEmpty();

        // the first result after Unknown is shown even though it says what was shown before
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", NOW.plusSeconds(90))));
        assertThat(data.eventsOf(web)).extracting(TestData.EventRow::statusSlug).containsExactly("up", "unknown");
        assertThat(data.eventsOf(web).get(0).message()).isEqualTo("HTTP 200");
        assertThat(data.currentStatus(web)).isEqualTo("up");
        assertThat(unknownSince(web)).isNull();
    }

    @Test
    void aDownRightAfterUnknownShowsDownAtOnce() {
        long db = checked("db", "tcp://127.0.0.1:9");
        store.store(List.of(TestData.result(db, Outcome.UP, "connected", NOW.minusSeconds(600))));
        assertThat(staleness.sweep(NOW, Instant.EPOCH)).isEqualTo(1);

        store.store(List.of(TestData.result(db, Outcome.DOWN, "connection refused", NOW.plusSeconds(10))));
        assertThat(data.eventsOf(db)).extracting(TestData.EventRow::statusSlug).containsExactly("down", "unknown");
        assertThat(data.currentStatus(db)).isEqualTo("down");
    }

    @Test
    void aResultThatWaitedInTheQueueStillEndsUnknown() {
        long db = checked("db", "tcp://127.0.0.1:9");
        store.store(List.of(TestData.result(db, Outcome.UP, "connected", NOW.minusSeconds(600))));
        staleness.sweep(NOW, Instant.EPOCH);

        // finished before the board said Unknown, stored after: dated at the Unknown, so that it is the latest
        store.store(List.of(TestData.result(db, Outcome.UP, "connected", NOW.minusSeconds(30))));
        assertThat(data.currentStatus(db)).isEqualTo("up");
        assertThat(data.eventsOf(db)).extracting(TestData.EventRow::statusSlug).containsExactly("up", "unknown");
    }

    @Test
    void aServiceNeverCheckedCountsFromWhenItsTargetWasSet() {
        long quiet = checked("quiet", "http://127.0.0.1:9/");
        backdate(quiet, NOW.minusSeconds(7200));
        targetSet(quiet, NOW.minusSeconds(100)); // a new target: its checks have not had the time
        assertThat(staleness.sweep(NOW, Instant.EPOCH)).isZero();

        targetSet(quiet, NOW.minusSeconds(200));
        assertThat(staleness.sweep(NOW, Instant.EPOCH)).isEqualTo(1);
        assertThat(data.currentStatus(quiet)).isEqualTo("unknown");
        assertThat(data.eventsOf(quiet).get(0).message()).startsWith("no check result since ");

        store.store(List.of(TestData.result(quiet, Outcome.UP, "HTTP 200", NOW.plusSeconds(5))));
        assertThat(data.currentStatus(quiet)).isEqualTo("up");
    }

    @Test
    void aLongIntervalWaitsThreeIntervalsAndAShortOneAtLeastNinetySeconds() {
        long hourly = checked("hourly", "http://127.0.0.1:9/");
        interval(hourly, 3600);
        store.store(List.of(TestData.result(hourly, Outcome.UP, "HTTP 200", NOW.minusSeconds(2 * 3600))));
        long fast = checked("fast", "http://127.0.0.1:9/");
        interval(fast, 10);
        store.store(List.of(TestData.result(fast, Outcome.UP, "HTTP 200", NOW.minusSeconds(60))));
        assertThat(staleness.sweep(NOW, Instant.EPOCH)).isZero();

        assertThat(staleness.sweep(NOW.plusSeconds(31), Instant.EPOCH)).isEqualTo(1);
        assertThat(data.currentStatus(fast)).isEqualTo("unknown");
        assertThat(staleness.sweep(NOW.plusSeconds(3601), Instant.EPOCH)).isEqualTo(1);
        assertThat(data.currentStatus(hourly)).isEqualTo("unknown");
    }

    @Test
    void afterItsStartBoardWebWaitsAWholeThresholdBeforeSayingUnknown() {
        long web = checked("web", "http://127.0.0.1:9/");
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", NOW.minusSeconds(3600))));
        assertThat(staleness.sweep(NOW, NOW.minusSeconds(30))).isZero(); // started 30 s ago: still draining
        assertThat(staleness.sweep(NOW, NOW.minusSeconds(170))).isZero();
        assertThat(staleness.sweep(NOW, NOW.minusSeconds(181))).isEqualTo(1);
    }

    @Test
    void anAdminsLaterEventKeepsPrecedence() {
        long web = checked("web", "http://127.0.0.1:9/");
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", NOW.minusSeconds(600))));
        adminEvent(web, "maintenance", NOW.plusSeconds(60));
        staleness.sweep(NOW, Instant.EPOCH);
        assertThat(data.eventsOf(web))
                .extracting(TestData.EventRow::statusSlug)
                .containsExactly("maintenance", "unknown");
        assertThat(data.currentStatus(web)).isEqualTo("maintenance");
    }

    @Test
    void twoBoardWebsSweepingAtOnceWriteOneEventPerService() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long id = checked("svc-" + i, "http://127.0.0.1:9/");
            ids.add(id);
            if (i % 4 != 0) { // a quarter never checked: their rows are inserted, not updated
                store.store(List.of(TestData.result(id, Outcome.UP, "HTTP 200", NOW.minusSeconds(600))));
            } else {
                backdate(id, NOW.minusSeconds(600));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> run = () -> {
                    go.await();
                    return staleness.sweep(NOW, Instant.EPOCH);
                };
                runs.add(pool.submit(run));
            }
            go.countDown();
            int marked = 0;
            for (Future<Integer> run : runs) {
                marked += run.get();
            }
            assertThat(marked).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertThat(data.eventsOf(id))
                    .extracting(TestData.EventRow::statusSlug)
                    .containsExactly("unknown");
        }
    }

    @Test
    void theReasonSaysSinceWhenInUtcWithTheDateWhenItWasAnotherDay() {
        Instant now = Instant.parse("2026-11-25T12:10:00Z");
        assertThat(Staleness.reason(Instant.parse("2026-11-25T12:04:30Z"), now))
                .isEqualTo("no check result since 12:04 UTC");
        assertThat(Staleness.reason(Instant.parse("2026-11-24T23:58:00Z"), now))
                .isEqualTo("no check result since 2026-11-24 23:58 UTC");
    }

    // ------------------------------------------------------------------ fixtures

    /** A checked service added a day ago (its target set then), never checked so far. */
    long checked(String slug, String target) {
        long id = data.service(slug, target);
        backdate(id, NOW.minus(1, ChronoUnit.DAYS));
        return id;
    }

    @Transactional
    void backdate(long serviceId, Instant createdAt) {
        Service s = Service.findById(serviceId);
        s.createdAt = createdAt;
    }

    @Transactional
    void targetSet(long serviceId, Instant at) {
        Service s = Service.findById(serviceId);
        s.targetSince = at;
    }

    @Transactional
    void interval(long serviceId, int seconds) {
        Service s = Service.findById(serviceId);
        s.checkIntervalSeconds = seconds;
    }

    @Transactional
    void adminEvent(long serviceId, String status, Instant at) {
        Service service = Service.findById(serviceId);
        Event e = new Event();
        e.service = service;
        e.status = Status.findBySlug(status).orElseThrow();
        e.message = "planned";
        e.source = EventSource.ADMIN;
        e.createdAt = at;
        e.persist();
        StatusUpdates.recompute(service);
    }

    @Transactional
    Instant unknownSince(long serviceId) {
        CheckState state = CheckState.findById(serviceId);
        return state == null ? null : state.unknownSince;
    }
}
