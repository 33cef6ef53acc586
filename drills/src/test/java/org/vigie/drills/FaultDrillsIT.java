package org.vigie.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault drills (docs/reliability.md): the three packaged apps under steady load (1,000 services every 10 s), one fault
 * at a time, then recovery, a quiet period and the accounting of every task published.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultDrillsIT {

    static final int SERVICES = 1000;

    private static Path out;
    private static Path logs;
    private static DrillServers servers;
    private static Targets targets;
    private static VigieApps apps;
    private static Ledger ledger;

    @BeforeAll
    static void startServersAndLoad() throws Exception {
        out = Files.createDirectories(Path.of(System.getProperty("drills.out", "target/reliability")));
        logs = Files.createDirectories(out.resolve("logs"));
        servers = new DrillServers(logs);
        servers.startBroker();
        servers.startDatabase(true);
        targets = new Targets();
        apps = new VigieApps(servers, logs);
        ledger = new Ledger(servers, apps);

        // board-web creates the schema; the services go in through the admin API as an operator's would.
        VigieApps.App board = apps.start("setup.board-web", "board-web");
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger created = new AtomicInteger();
        Future<?>[] posts = new Future<?>[SERVICES];
        for (int i = 0; i < SERVICES; i++) {
            int n = i;
            posts[i] = pool.submit(() -> {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(board.url("/admin/api/v1/services")))
                                .header("Authorization", "Bearer " + VigieApps.ADMIN_TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"Drill " + n + "\",\"target\":\"" + targets.url(n)
                                                + "?timeout=5s\",\"interval\":\"" + Drill.INTERVAL.toSeconds() + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                created.incrementAndGet();
                return null;
            });
        }
        for (Future<?> f : posts) {
            f.get();
        }
        pool.shutdown();
        assertThat(created.get()).isEqualTo(SERVICES);
        apps.close();
    }

    @AfterEach
    void stopApps() throws Exception {
        apps.close();
        apps.extraEnv.clear();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (apps != null) {
            apps.close();
        }
        if (ledger != null) {
            ledger.close();
        }
        if (targets != null) {
            targets.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    private static Drill drill(String name) throws Exception {
        return drill(name, ledger);
    }

    private static Drill drill(String name, Ledger on) throws Exception {
        Drill d = new Drill(name, on, apps, out);
        d.begin();
        return d;
    }

    @Test
    @Order(1)
    void workerKilledMidSweep() throws Exception {
        Drill d = drill("01-worker-kill");
        d.startTopology();
        d.warmUp();
        VigieApps.App victim = apps.running("check-worker").get(0);
        // Mid-sweep: the worker holds unacknowledged tasks (prefetch) and probes in flight right now.
        ledger.scrapeNow();
        apps.kill(victim);
        d.notes.add("killed " + victim.name() + " (pid " + victim.pid() + ") with SIGKILL; one worker left");
        d.recovered(); // the other worker gets the killed one's unacknowledged tasks back at once
        d.judgeStaleness();
        d.quiet();
        d.finishAndAssert();
    }

    @Test
    @Order(2)
    void brokerAwayThirtySeconds() throws Exception {
        Drill d = drill("02-broker-30s");
        d.startTopology();
        d.warmUp();
        ledger.scrapeNow();
        servers.stopBrokerApp();
        waitOutage(Duration.ofSeconds(30)); // the outage's length
        servers.startBrokerApp();
        d.recovered();
        d.judgeStaleness();
        d.quiet();
        d.finishAndAssert();
    }

    @Test
    @Order(3)
    void brokerAwayLongerThanTheReconnectBudget() throws Exception {
        Drill d = drill("03-broker-beyond-retry-budget");
        // The connector's default budget is 100 attempts; with every channel's interval down to 1 s that is 100 s,
        // and the broker stays away longer. Vigie's own attempts setting (500,000) is left as shipped.
        for (String channel : new String[] {
            "incoming.check-results",
            "outgoing.result-dead-letters",
            "incoming.check-tasks",
            "outgoing.check-results",
            "outgoing.task-dead-letters"
        }) {
            apps.extraEnv.put("mp.messaging." + channel + ".reconnect-interval", "1");
        }
        d.notes.add("reconnect interval 1 s on every channel (default budget: 100 s); broker away 110 s");
        d.startTopology();
        d.warmUp();
        ledger.scrapeNow();
        servers.stopBrokerApp();
        waitOutage(Duration.ofSeconds(110)); // the outage's length: beyond the connector's default budget
        servers.startBrokerApp();
        d.recovered();
        d.judgeStaleness();
        d.quiet();
        for (VigieApps.App app : apps.running()) {
            String log = apps.readLog(app);
            if (log.contains("Max number of connect attempts")) {
                d.notes.add(app.name() + " logged: Max number of connect attempts reached");
            }
        }
        d.finishAndAssert();
    }

    @Test
    @Order(4)
    void databaseKilledForSixtySeconds() throws Exception {
        Drill d = drill("04-database-killed-60s");
        d.startTopology();
        d.warmUp();
        servers.killDatabase();
        waitOutage(Duration.ofSeconds(60)); // the outage's length
        servers.startDatabase(false);
        d.recovered();
        d.judgeStaleness();
        d.quiet();
        d.finishAndAssert();
    }

    @Test
    @Order(5)
    void boardWebKilledMidBatch() throws Exception {
        Drill d = drill("05-board-web-kill");
        d.startTopology();
        d.warmUp();
        VigieApps.App board = apps.running("board-web").get(0);
        // Mid-batch: a moment when results are waiting (published, not stored: board-web holds them unacknowledged)
        // and rows are being written.
        long[] before = {ledger.maxResultId()};
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = ledger.maxResultId();
                    boolean storing = now > before[0];
                    before[0] = now;
                    return storing && ledger.resultsWaiting() > 0;
                });
        apps.kill(board);
        d.notes.add("killed board-web (pid " + board.pid() + ") with SIGKILL; restarted at once");
        apps.start("05-board-web-kill.board-web-2", "board-web");
        d.recovered();
        d.judgeStaleness();
        d.quiet();
        d.finishAndAssert();
    }

    @Test
    @Order(6)
    void garbageAndOversizedMessages() throws Exception {
        Drill d = drill("06-garbage");
        d.startTopology();
        d.warmUp();
        byte[] oversized = new byte[8 * 1024 * 1024];
        Arrays.fill(oversized, (byte) 'x');
        byte[] oversizedJson = ("{\"taskId\":\"" + "y".repeat(6 * 1024 * 1024) + "\",\"serviceId\":1}")
                .getBytes(StandardCharsets.UTF_8);
        byte[][] garbage = {
            "not json at all".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            {(byte) 0xff, (byte) 0xfe, 0, 1, 2},
            "{\"taskId\":".getBytes(StandardCharsets.UTF_8),
            "[]".getBytes(StandardCharsets.UTF_8),
            "{}".getBytes(StandardCharsets.UTF_8),
            "{\"taskId\":\"g-1\",\"serviceId\":\"nope\"}".getBytes(StandardCharsets.UTF_8),
            "{\"taskId\":\"g-2\",\"serviceId\":999999999,\"target\":\"http://127.0.0.1:1/\",\"outcome\":\"SIDEWAYS\"}"
                    .getBytes(StandardCharsets.UTF_8),
            "null".getBytes(StandardCharsets.UTF_8),
            oversized,
            oversizedJson,
        };
        for (String queue : new String[] {Ledger.TASKS_QUEUE, Ledger.RESULTS_QUEUE}) {
            for (byte[] body : garbage) {
                ledger.publishRaw(queue, body, "application/json");
                d.garbageInjected++;
            }
        }
        d.notes.add("injected " + garbage.length
                + " garbage messages (2 of them 6-8 MiB) on each of the tasks and results queues");
        d.recovered();
        d.judgeStaleness();
        d.quiet();
        d.finishAndAssert();
    }

    @Test
    @Order(7)
    void twoBoardsAndTwoDispatchers() throws Exception {
        Drill d = drill("07-two-boards-two-dispatchers");
        apps.start("07.board-web-1", "board-web");
        apps.start("07.board-web-2", "board-web");
        apps.start("07.worker-1", "check-worker");
        apps.start("07.worker-2", "check-worker");
        // The long-lived scheduler and cron's once started at the same instant, on the same overdue services.
        d.onces.add(apps.startOnce("07.dispatcher-once-1"));
        d.dispatchers.add(apps.start("07.dispatcher-run", "check-dispatcher", "run"));
        d.warmUp();
        d.onces.add(apps.startOnce("07.dispatcher-once-2")); // cron again, beside the running scheduler
        d.recovered();
        d.judgeStaleness();
        d.quiet();
        d.finishAndAssert();
    }

    @Test
    @Order(8)
    void workerClockOneHourAhead() throws Exception {
        Drill d = drill("08-worker-clock-plus-1h");
        Path faketime = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");
        assertThat(faketime)
                .as("Debian's faketime package (deploy/lib.sh installs it)")
                .exists();
        apps.start("08.board-web-1", "board-web");
        apps.start("08.worker-1", "check-worker");
        VigieApps.App skewed = apps.start(
                "08.worker-skewed",
                "check-worker",
                // FAKETIME_FORCE_MONOTONIC_FIX=0: libfaketime 0.9.10 otherwise shifts the deadline of the JVM's timed
                // waits on the monotonic clock, so they return at once and every idle thread spins (measured: 50 waits
                // of 100 ms took 1.2 s instead of 5 s; the worker burnt a core and starved the machine).
                Map.of(
                        "LD_PRELOAD",
                        faketime.toString(),
                        "FAKETIME",
                        "+1h",
                        "FAKETIME_DONT_FAKE_MONOTONIC",
                        "1",
                        "FAKETIME_FORCE_MONOTONIC_FIX",
                        "0"));
        d.dispatchers.add(apps.start("08.dispatcher-run", "check-dispatcher", "run"));
        d.notes.add("worker-skewed runs with libfaketime FAKETIME=+1h for the whole drill");
        d.recovered(); // the fault is permanent: staleness is judged 3 intervals after the skewed worker joined
        d.warmUp();
        d.judgeStaleness();
        d.quiet();
        double skewedChecks = ledger.metric(skewed, "vigie_worker_checks_total");
        d.figures.put("checks done by worker-skewed", (long) skewedChecks);
        d.finishAndAssert();
        assertThat(skewedChecks).as("checks done by the worker an hour ahead").isPositive();
    }

    @Test
    @Order(9)
    void clusterNodeLeadingTheQueuesKilled() throws Exception {
        // A cluster of three nodes instead of the drill servers' node; the database and the services stay.
        try (RabbitCluster cluster = new RabbitCluster(logs, DrillServers.APP_USER, servers.appPassword)) {
            cluster.start();
            apps.brokerAddresses = cluster.addresses();
            try (Ledger onCluster = new Ledger(servers, apps, cluster.addressList())) {
                Drill d = drill("09-cluster-leader-node-killed", onCluster);
                d.startTopology();
                d.warmUp();
                // Every app lists the nodes in the same order, so all connect to node 1 and declared the queues there
                // (a quorum queue's leader starts on the declaring connection's node, its members on all three).
                String tasksLeader = cluster.leader(Ledger.TASKS_QUEUE).orElseThrow();
                String resultsLeader = cluster.leader(Ledger.RESULTS_QUEUE).orElseThrow();
                assertThat(resultsLeader)
                        .as("the results queue's leader is on the tasks queue's leader's node")
                        .isEqualTo(tasksLeader);
                int victim = cluster.number(tasksLeader);
                onCluster.scrapeNow();
                cluster.kill(victim);
                d.notes.add("killed at " + Instant.now() + ": " + tasksLeader + " (SIGKILL of its VM): leader of "
                        + Ledger.TASKS_QUEUE + " and " + Ledger.RESULTS_QUEUE
                        + ", and the node every app was connected to");
                Storing outage = watchStoring(onCluster, Duration.ofSeconds(20)); // the node stays down this long
                Map<String, String> during = cluster.leaders();
                d.notes.add("leaders while it was down: " + Ledger.TASKS_QUEUE + " on "
                        + during.get(Ledger.TASKS_QUEUE) + ", " + Ledger.RESULTS_QUEUE + " on "
                        + during.get(Ledger.RESULTS_QUEUE));
                cluster.start(victim);
                d.recovered();
                Instant back = Instant.now();
                await("every app ready again")
                        .atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> apps.running().stream()
                                .filter(a -> a.port() > 0)
                                .allMatch(a -> apps.status(a.managementUrl("/q/health/ready")) == 200));
                d.figures.put("results stored while the node was down (20 s)", outage.stored());
                d.figures.put("store rate while the node was down (/s)", Math.round(outage.stored() / 2.0) / 10.0);
                d.figures.put("first result stored after the kill (s)", outage.firstStoredAfterMillis() / 1000.0);
                d.figures.put(
                        "longest stretch with nothing stored while the node was down (s)",
                        outage.longestGapMillis() / 1000.0);
                d.figures.put(
                        "every app ready again after the node's return (s)",
                        Duration.between(back, Instant.now()).toMillis() / 1000.0);
                d.judgeStaleness();
                d.quiet();
                // the quiet period waits for the queues' ready messages only: a task a worker holds unsettled is not
                // stored, dead-lettered or back in the queue, and would count as lost
                long held = cluster.unacknowledged(Ledger.TASKS_QUEUE);
                d.figures.put("tasks held by workers after the quiet period (unacknowledged)", held);
                d.finishAndAssert();
                assertThat(during.get(Ledger.TASKS_QUEUE))
                        .as("a new leader for the tasks queue while its node was down")
                        .isNotNull()
                        .isNotEqualTo(tasksLeader);
                assertThat(outage.stored())
                        .as("results stored while the node leading the queues was down")
                        .isPositive();
            } finally {
                apps.close();
                apps.brokerAddresses = null;
            }
        }
    }

    /** Results stored during a wait of {@code length}, and how the storing went. */
    record Storing(long stored, long firstStoredAfterMillis, long longestGapMillis) {}

    /** Waits {@code length} (on the clock, as an outage does), sampling the stored results every 250 ms. */
    private static Storing watchStoring(Ledger on, Duration length) throws Exception {
        long from = on.maxResultId();
        long start = System.currentTimeMillis();
        long[] last = {from, start}; // highest id seen, when it last grew
        long[] first = {-1};
        long[] gap = {0};
        await().pollInterval(Duration.ofMillis(250))
                .atMost(length.plusSeconds(10))
                .until(() -> {
                    long now = System.currentTimeMillis();
                    long max;
                    try {
                        max = on.maxResultId();
                    } catch (Exception e) {
                        max = last[0];
                    }
                    if (max > last[0]) {
                        if (first[0] < 0) {
                            first[0] = now - start;
                        }
                        gap[0] = Math.max(gap[0], now - last[1]);
                        last[0] = max;
                        last[1] = now;
                    }
                    boolean over = now - start >= length.toMillis();
                    if (over) {
                        gap[0] = Math.max(gap[0], now - last[1]);
                    }
                    return over;
                });
        long stored = on.scalar("SELECT COUNT(*) FROM check_results WHERE id > " + from);
        return new Storing(stored, first[0], gap[0]);
    }

    /** The deliberate length of an outage: a wait on the clock, not on a condition. */
    private static void waitOutage(Duration length) {
        await().pollDelay(length).atMost(length.plusSeconds(5)).until(() -> true);
    }
}
