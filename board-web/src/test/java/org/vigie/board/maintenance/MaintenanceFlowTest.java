package org.vigie.board.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.vigie.board.event.CheckState;
import org.vigie.board.event.Staleness;
import org.vigie.board.maintenance.service.MaintenanceCatalog;
import org.vigie.board.maintenance.service.MaintenanceCatalog.MaintenanceInput;
import org.vigie.board.maintenance.service.MaintenanceSweep;
import org.vigie.board.result.ResultStore;
import org.vigie.board.service.Service;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Scheduled maintenance against the real database and clock: a window in progress shows Maintenance, its failing
 * checks are stored but write no Down (nor Unknown) event and stay out of the uptime, and after it the checks decide.
 */
@QuarkusTest
class MaintenanceFlowTest {

    @Inject
    TestData data;

    @Inject
    ResultStore store;

    @Inject
    MaintenanceCatalog catalog;

    @Inject
    MaintenanceSweep sweep;

    @Inject
    Staleness staleness;

    @Inject
    EntityManager em;

    @BeforeEach
    void clean() {
        data.clear();
    }

    @Test
    void aWindowInProgressShowsMaintenanceAndFailingChecksWriteNoDownEventNorCountInTheUptime() {
        long web = data.service("web", "http://127.0.0.1:9/");
        long db = data.service("db", "tcp://127.0.0.1:9");
        Instant now = Instant.now();
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", now.minusSeconds(120))));

        long id = window("Database upgrade", now.minusSeconds(60), now.plus(1, ChronoUnit.HOURS), null, "web");
        // applied when the change commits: Maintenance at once, dated at the window's start
        await().atMost(Duration.ofSeconds(10)).until(() -> "maintenance".equals(data.currentStatus(web)));
        assertThat(data.eventsOf(web)).extracting(TestData.EventRow::statusSlug).containsExactly("maintenance");
        assertThat(data.eventsOf(web).get(0).message()).isEqualTo("scheduled maintenance: Database upgrade");
        assertThat(sweep.sweep(Instant.now())).isZero(); // once per window and service

        store.store(List.of(
                TestData.result(web, Outcome.DOWN, "connection refused", Instant.now()),
                TestData.result(db, Outcome.DOWN, "connection refused", Instant.now())));
        store.store(List.of(
                TestData.result(
                        web, Outcome.DOWN, "connection refused", Instant.now().plusMillis(100)),
                TestData.result(
                        db, Outcome.DOWN, "connection refused", Instant.now().plusMillis(100))));

        // stored and applied to the check state, but no event: the board still says Maintenance
        assertThat(data.eventsOf(web)).extracting(TestData.EventRow::statusSlug).containsExactly("maintenance");
        assertThat(data.currentStatus(web)).isEqualTo("maintenance");
        assertThat(resultsOf(web)).isEqualTo(3);
        assertThat(outcomeOf(web)).isEqualTo(Outcome.DOWN);
        // the service outside the window went Down as usual
        assertThat(data.currentStatus(db)).isEqualTo("down");
        // the uptime counts the check before the window only
        assertThat(daily(web)).containsExactly(1L, 1L, 0L);
        assertThat(daily(db)).containsExactly(2L, 0L, 2L);

        // ended now: the status the checks reached meanwhile shows
        catalog.endNow(id);
        assertThat(data.currentStatus(web)).isEqualTo("down");
        assertThat(data.eventsOf(web).get(0).message()).isEqualTo("maintenance ended: connection refused");
        assertThat(sweep.sweep(Instant.now())).isZero();
    }

    @Test
    void afterTheWindowTheNextFailingResultsMakeTheServiceDown() {
        long web = data.service("web", "http://127.0.0.1:9/");
        Instant now = Instant.now();
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", now.minusSeconds(120))));
        long id = window("Restart", now.minusSeconds(30), now.plus(1, ChronoUnit.HOURS), null, "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> "maintenance".equals(data.currentStatus(web)));
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", Instant.now())));
        assertThat(data.currentStatus(web)).isEqualTo("maintenance");

        catalog.endNow(id);
        assertThat(data.currentStatus(web)).isEqualTo("up");
        store.store(List.of(
                TestData.result(web, Outcome.DOWN, "HTTP 503", Instant.now().plusMillis(10))));
        store.store(List.of(
                TestData.result(web, Outcome.DOWN, "HTTP 503", Instant.now().plusMillis(20))));
        assertThat(data.currentStatus(web)).isEqualTo("down");
        assertThat(data.eventsOf(web))
                .extracting(TestData.EventRow::statusSlug)
                .containsExactly("down", "up", "maintenance");
        // after the end the results count in the uptime again
        assertThat(daily(web)).containsExactly(3L, 1L, 2L);
    }

    @Test
    void aSilentServiceInMaintenanceDoesNotTurnUnknownUntilTheWindowEnds() {
        long web = data.service("web", "http://127.0.0.1:9/");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        data.backdate(web, now.minusSeconds(3600)); // watched long enough to turn Unknown
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", now.minusSeconds(600))));
        long id = window("Network work", now.minusSeconds(60), now.plus(1, ChronoUnit.HOURS), null, "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> "maintenance".equals(data.currentStatus(web)));

        assertThat(staleness.sweep(Instant.now(), Instant.EPOCH)).isZero();
        assertThat(data.currentStatus(web)).isEqualTo("maintenance");

        catalog.endNow(id);
        assertThat(data.currentStatus(web)).isEqualTo("up"); // its last check, given back
        assertThat(staleness.sweep(Instant.now(), Instant.EPOCH)).isEqualTo(1);
        assertThat(data.currentStatus(web)).isEqualTo("unknown");
    }

    @Test
    void aWindowEndsByItselfAndARepeatingOneComesBack() {
        long web = data.service("web", "http://127.0.0.1:9/");
        Instant now = Instant.now();
        store.store(List.of(TestData.result(web, Outcome.UP, "HTTP 200", now.minusSeconds(120))));
        window("Backups", now.minusSeconds(30), now.plusSeconds(3), null, "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> "maintenance".equals(data.currentStatus(web)));
        // the scheduled sweep gives the checked status back after the end
        await().atMost(Duration.ofSeconds(20)).until(() -> "up".equals(data.currentStatus(web)));
        assertThat(data.eventsOf(web)).extracting(TestData.EventRow::statusSlug).containsExactly("up", "maintenance");

        // weekly, started a week ago minus a minute: in progress again now, once
        long weekly = window(
                "Weekly",
                now.minus(7, ChronoUnit.DAYS).minusSeconds(60),
                now.minus(7, ChronoUnit.DAYS).plusSeconds(600),
                "weekly",
                "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> "maintenance".equals(data.currentStatus(web)));
        assertThat(sweep.sweep(Instant.now())).isZero();
        assertThat(catalog.find(weekly).orElseThrow().state()).isEqualTo(MaintenanceState.IN_PROGRESS);
        assertThat(catalog.find(weekly).orElseThrow().start()).isBetween(now.minusSeconds(61), now.minusSeconds(59));
        catalog.delete(weekly); // deleting a window in progress ends it first
        assertThat(data.currentStatus(web)).isEqualTo("up");
    }

    @Test
    void twoSweepsAtOnceWriteOneEventPerServiceAtTheStartAndOneAtTheEnd() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Long> ids = new ArrayList<>();
        String[] slugs = new String[12];
        for (int i = 0; i < slugs.length; i++) {
            slugs[i] = "svc-" + i;
            ids.add(data.service(slugs[i], "http://127.0.0.1:9/"));
        }
        // starts in a minute: the commit's sweep and the scheduled one leave it alone until then
        window("Upgrade", now.plusSeconds(60), now.plusSeconds(3600), null, slugs);
        assertThat(concurrently(now.plusSeconds(120))).isEqualTo(slugs.length);
        assertThat(concurrently(now.plusSeconds(180))).isZero();
        for (long id : ids) {
            assertThat(data.eventsOf(id))
                    .extracting(TestData.EventRow::statusSlug)
                    .containsExactly("maintenance");
        }
        assertThat(concurrently(now.plusSeconds(3700))).isEqualTo(slugs.length);
        for (long id : ids) {
            assertThat(data.eventsOf(id))
                    .extracting(TestData.EventRow::statusSlug)
                    .containsExactly("up", "maintenance"); // never checked: the default status back
        }
    }

    @Test
    void aServiceCheckedFromSeveralPoolsKeepsMaintenanceWhileItsPoolsFail() {
        long web = data.service("web", "http://127.0.0.1:9/");
        pools(web, "eu-west,us-east");
        Instant now = Instant.now();
        store.store(List.of(
                TestData.result(web, Outcome.UP, "HTTP 200", now.minusSeconds(120), "eu-west"),
                TestData.result(web, Outcome.UP, "HTTP 200", now.minusSeconds(120), "us-east")));
        long id = window("Migration", now.minusSeconds(60), now.plus(1, ChronoUnit.HOURS), null, "web");
        await().atMost(Duration.ofSeconds(10)).until(() -> "maintenance".equals(data.currentStatus(web)));
        for (int i = 0; i < 2; i++) {
            Instant t = Instant.now().plusMillis(10L * i);
            store.store(List.of(
                    TestData.result(web, Outcome.DOWN, "connection refused", t, "eu-west"),
                    TestData.result(web, Outcome.DOWN, "connection refused", t, "us-east")));
        }
        assertThat(data.eventsOf(web)).extracting(TestData.EventRow::statusSlug).containsExactly("maintenance");
        assertThat(daily(web)).containsExactly(2L, 2L, 0L);

        catalog.endNow(id);
        assertThat(data.currentStatus(web)).isEqualTo("down");
    }

    /** Four sweeps as of {@code at} at the same moment, as several board-webs would run them; how many rows changed. */
    private int concurrently(Instant at) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> run = () -> {
                    go.await();
                    return sweep.sweep(at);
                };
                runs.add(pool.submit(run));
            }
            go.countDown();
            int changed = 0;
            for (Future<Integer> run : runs) {
                changed += run.get();
            }
            return changed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Transactional
    void pools(long serviceId, String pools) {
        Service s = Service.findById(serviceId);
        s.pools = pools;
    }

    @Test
    void aCronRuleRepeatsInTheBoardsTimeZone() {
        // every day at 03:00 for an hour, from a past start
        Instant start = Instant.parse("2026-01-01T03:00:00Z");
        Occurrences daily = new Occurrences(start, start.plus(1, ChronoUnit.HOURS), "0 3 * * *", null, ZoneOffset.UTC);
        assertThat(daily.at(Instant.parse("2026-03-10T03:30:00Z")))
                .contains(new Occurrences.Span(
                        Instant.parse("2026-03-10T03:00:00Z"), Instant.parse("2026-03-10T04:00:00Z")));
        assertThat(daily.at(Instant.parse("2026-03-10T04:00:00Z"))).isEmpty();
        assertThat(daily.after(Instant.parse("2026-03-10T04:00:00Z"))
                        .orElseThrow()
                        .start())
                .isEqualTo(Instant.parse("2026-03-11T03:00:00Z"));
        assertThat(daily.at(Instant.parse("2025-12-31T03:30:00Z"))).isEmpty(); // before its start
        // "end now" cuts the occurrence it falls in, not the next ones
        Occurrences ended = new Occurrences(
                start,
                start.plus(1, ChronoUnit.HOURS),
                "0 3 * * *",
                Instant.parse("2026-03-10T03:10:00Z"),
                ZoneOffset.UTC);
        assertThat(ended.at(Instant.parse("2026-03-10T03:30:00Z"))).isEmpty();
        assertThat(ended.at(Instant.parse("2026-03-11T03:30:00Z"))).isPresent();
    }

    private long window(String title, Instant start, Instant end, String repeat, String... services) {
        return catalog.create(
                        new MaintenanceInput(title, "", List.of(services), start.toString(), end.toString(), repeat))
                .id();
    }

    @Transactional
    long resultsOf(long serviceId) {
        return ((Number) em.createNativeQuery("select count(*) from check_results where service_id = ?1")
                        .setParameter(1, serviceId)
                        .getSingleResult())
                .longValue();
    }

    @Transactional
    Outcome outcomeOf(long serviceId) {
        return CheckState.<CheckState>findById(serviceId).outcome;
    }

    /** {checks, up, down} over the service's daily rollups. */
    @Transactional
    List<Long> daily(long serviceId) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "select coalesce(sum(checks), 0), coalesce(sum(up), 0), coalesce(sum(down), 0) from check_daily"
                                + " where service_id = ?1")
                .setParameter(1, serviceId)
                .getSingleResult();
        return List.of(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }
}
