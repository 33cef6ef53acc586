package org.vigie.drills;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One drill's life: steady load, the fault, recovery, a quiet period, then the figures and the assertions every drill
 * makes. The fault itself is the test method's.
 */
final class Drill {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    final String name;
    private final Ledger ledger;
    private final VigieApps apps;
    private final Path out;
    private final Instant started = Instant.now();
    private long startResultId;
    private long startEventId;
    private Instant recoveredAt;
    private Long stale;
    private boolean settled;
    private String settleNote = "";
    long garbageInjected;
    final List<VigieApps.App> dispatchers = new ArrayList<>();
    final List<VigieApps.App> onces = new ArrayList<>();
    final Map<String, Object> figures = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();

    Drill(String name, Ledger ledger, VigieApps apps, Path out) {
        this.name = name;
        this.ledger = ledger;
        this.apps = apps;
        this.out = out;
    }

    void begin() throws Exception {
        ledger.purgeQueues();
        startResultId = ledger.maxResultId();
        startEventId = ledger.maxEventId();
        ledger.begin();
    }

    /** Starts the usual topology: a board-web, two workers, then the long-lived dispatcher. */
    void startTopology() throws Exception {
        apps.start(name + ".board-web-1", "board-web");
        apps.start(name + ".worker-1", "check-worker");
        apps.start(name + ".worker-2", "check-worker");
        dispatchers.add(apps.start(name + ".dispatcher-run", "check-dispatcher", "run"));
    }

    /** Steady state: results flowing at the load's rate, about 15 s of checks stored. */
    void warmUp() throws Exception {
        long from = ledger.maxResultId();
        await(name + ": steady load")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ledger.maxResultId() - from >= 1500);
    }

    /** The fault is over (the server or app is back): staleness is judged 3 intervals later. */
    void recovered() {
        recoveredAt = Instant.now();
    }

    /**
     * Waits until 3 check intervals after recovery (a wait on the clock: the figure is "stale at exactly that moment"),
     * then counts the services whose last check is older than 3 intervals.
     */
    void judgeStaleness() throws Exception {
        Instant at = recoveredAt.plus(INTERVAL.multipliedBy(3));
        await().pollDelay(
                        Duration.between(Instant.now(), at).isNegative()
                                ? Duration.ZERO
                                : Duration.between(Instant.now(), at))
                .atMost(Duration.ofMinutes(2))
                .until(() -> true);
        try {
            stale = ledger.staleServices();
        } catch (Exception e) {
            notes.add("staleness not measurable: " + e);
        }
    }

    /** The quiet period: dispatchers stop, everything in flight settles (queues empty, nothing stored for 5 s). */
    void quiet() throws InterruptedException {
        ledger.scrapeNow();
        for (VigieApps.App d : dispatchers) {
            if (d.process().isAlive()) {
                apps.stop(d);
            }
        }
        for (VigieApps.App o : onces) {
            o.process().waitFor(60, TimeUnit.SECONDS);
        }
        long[] last = {-2};
        Instant[] stableSince = {Instant.now()};
        try {
            await(name + ": in-flight work settles")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        long max = ledger.maxResultId();
                        if (max != last[0]) {
                            last[0] = max;
                            stableSince[0] = Instant.now();
                        }
                        return ledger.depth(Ledger.TASKS_QUEUE) == 0
                                && ledger.depth(Ledger.RESULTS_QUEUE) == 0
                                && ledger.resultsWaiting() <= 0
                                && Duration.between(stableSince[0], Instant.now())
                                                .toSeconds()
                                        >= 5;
                    });
            settled = true;
        } catch (ConditionTimeoutException e) {
            settleNote = "did not settle within 2 min: tasks queue " + ledger.depth(Ledger.TASKS_QUEUE)
                    + ", results queue " + ledger.depth(Ledger.RESULTS_QUEUE) + ", results published and not stored "
                    + ledger.resultsWaiting();
        }
    }

    /** Measures, writes drills/target/reliability/<drill>.txt, stops the apps and asserts. */
    void finishAndAssert() throws Exception {
        ledger.end(out.resolve(name + "-samples.csv"));
        long refusedResults = ledger.refusedResults(apps.running("check-worker"));
        Set<String> tapped = new HashSet<>(ledger.tapped);
        Set<String> stored = ledger.storedTaskIds(startResultId);
        // board-web takes the tasks' dead letters off their queue as missed checks: stop it first, so that none is
        // between the two (taken, not yet committed), then count both.
        for (VigieApps.App app : apps.running()) {
            if (app.name().startsWith("board-web")) {
                apps.stop(app);
            }
        }
        List<Ledger.Dead> dead = new ArrayList<>(ledger.drain(Ledger.TASKS_DLQ));
        dead.addAll(ledger.drain(Ledger.RESULTS_DLQ));
        dead.addAll(ledger.drainMissedChecks());

        long storedOfTapped = tapped.stream().filter(stored::contains).count();
        Set<String> accounted = new HashSet<>(stored);
        long expiredInDlq = 0;
        long expiredByWorkerInDlq = 0;
        long deadLetteredTasks = 0;
        long garbageDead = 0;
        List<VigieApps.App> publishing = new ArrayList<>(dispatchers);
        publishing.addAll(onces);
        long unconfirmed = ledger.unconfirmedByTheBroker(publishing);
        long unconfirmedExpired = 0;
        for (Ledger.Dead d : dead) {
            if (d.taskId() == null || !tapped.contains(d.taskId())) {
                if (d.taskId() != null
                        && !d.taskId().startsWith("unreadable-")
                        && d.reason().toLowerCase().contains("expired")
                        && unconfirmedExpired < unconfirmed
                        && accounted.add(d.taskId())) {
                    unconfirmedExpired++; // a task written, never confirmed, expired: its tap copy expired too
                } else {
                    garbageDead++;
                }
                continue;
            }
            if (!accounted.add(d.taskId())) {
                continue; // stored, or dead-lettered twice (a task and its result): counted once
            }
            if (d.reason().toLowerCase().contains("expired")) {
                expiredInDlq++;
                if (d.reason().startsWith("x-vigie")) {
                    expiredByWorkerInDlq++;
                }
            } else {
                deadLetteredTasks++;
            }
        }
        long expiredCounter = ledger.expiredCounter();
        long expiredDropped = Math.max(0, expiredCounter - expiredByWorkerInDlq); // acked and dropped: no id to match
        List<VigieApps.App> dispatching = new ArrayList<>(dispatchers);
        dispatching.addAll(onces);
        long refused = ledger.refusedByTheBroker(dispatching); // tapped, never in the tasks queue: no id to match
        Set<String> unaccounted = new HashSet<>(tapped);
        unaccounted.removeAll(accounted);
        long lost = Math.max(0, unaccounted.size() - expiredDropped - refused);

        long publishedCounter = ledger.publishedCounter() + ledger.onceDispatched(onces);
        figures.put("published (tap: task ids routed to a copy queue)", (long) tapped.size());
        figures.put(
                "published (dispatchers' vigie_dispatch_tasks_published_total + once's 'dispatched N')",
                publishedCounter);
        figures.put("stored (tapped task ids in check_results)", storedOfTapped);
        figures.put("expired (worker counter vigie_worker_tasks_expired_total)", expiredCounter);
        figures.put("expired (tapped ids dead-lettered as expired, not stored)", expiredInDlq);
        figures.put("dead-lettered (tapped ids in a DLQ for another reason, not stored)", deadLetteredTasks);
        figures.put("dead-letter queue depth (both, all messages)", (long) dead.size());
        figures.put("garbage injected", garbageInjected);
        figures.put("garbage dead-lettered (no tapped task id)", garbageDead);
        figures.put("refused by the broker (nack; dispatchers' logs; services put back)", refused);
        figures.put("unconfirmed (dispatchers' logs), then expired before the tap read them", unconfirmedExpired);
        figures.put("results refused by the broker (nack; running workers' logs; tasks sent back)", refusedResults);
        figures.put("unaccounted ids (tapped, not stored, not dead-lettered)", (long) unaccounted.size());
        figures.put("lost = unaccounted - expired dropped by workers - refused", lost);
        figures.put(
                "check events created",
                ledger.scalar("SELECT COUNT(*) FROM events WHERE source = 'CHECK' AND id > " + startEventId));
        figures.put("repeated-status check events", ledger.repeatedStatusEvents(startEventId));
        figures.put("task ids on two events", ledger.taskIdsOnTwoEvents());
        figures.put("results and events dated in the future", ledger.datedInTheFuture(startResultId, startEventId));
        figures.put("stale services 3 intervals after recovery", stale == null ? -1L : stale);
        figures.put("readiness samples", (long) ledger.samplesTaken);
        figures.put("board-web ready UP while not storing (samples)", (long) ledger.upWhileNotStoring);
        figures.put("settled in quiet period", settled);
        figures.put(
                "drill duration (s)", Duration.between(started, Instant.now()).toSeconds());

        StringBuilder text = new StringBuilder("drill " + name + " at " + Instant.now() + "\n");
        figures.forEach((k, v) -> text.append(String.format("  %-92s %s%n", k, v)));
        ledger.histogram(dead).forEach((k, v) -> text.append(String.format("  dead letter: %-79s %d%n", k, v)));
        if (ledger.firstUpWhileNotStoring != null) {
            notes.add("first readiness UP while not storing: " + ledger.firstUpWhileNotStoring);
        }
        if (!settleNote.isEmpty()) {
            notes.add(settleNote);
        }
        unaccounted.stream()
                .limit(5)
                .forEach(id -> notes.add("unaccounted task id: " + id + " (" + ledger.history(id) + ")"));
        long withResult = unaccounted.stream()
                .filter(id -> !ledger.history(id).contains("no result"))
                .count();
        if (!unaccounted.isEmpty()) {
            notes.add(withResult + " of the " + unaccounted.size() + " unaccounted task ids had a result published");
        }
        notes.forEach(n -> text.append("  note: ").append(n).append('\n'));
        Files.writeString(out.resolve(name + ".txt"), text, StandardCharsets.UTF_8);
        System.out.print(text);
        apps.close();

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(lost).as(name + ": lost tasks").isZero();
        soft.assertThat(figures.get("repeated-status check events"))
                .as(name + ": repeated-status events")
                .isEqualTo(0L);
        soft.assertThat(figures.get("task ids on two events"))
                .as(name + ": task ids on two events")
                .isEqualTo(0L);
        soft.assertThat(figures.get("results and events dated in the future"))
                .as(name + ": results and events dated in the future")
                .isEqualTo(0L);
        soft.assertThat(stale)
                .as(name + ": stale services 3 intervals after recovery")
                .isEqualTo(0L);
        soft.assertThat(ledger.upWhileNotStoring)
                .as(name + ": readiness UP while results were not stored")
                .isZero();
        soft.assertThat(settled).as(name + ": " + settleNote).isTrue();
        soft.assertThat(garbageDead)
                .as(name + ": every injected garbage message dead-lettered")
                .isEqualTo(garbageInjected);
        soft.assertAll();
    }
}
