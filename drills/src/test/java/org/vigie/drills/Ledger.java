package org.vigie.drills;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;

/**
 * What the drills measure, from outside the apps:
 * <ul>
 * <li>every task the dispatchers publish, by id, from a tap: a queue of the drills' own bound to the tasks exchange
 * with the tasks' routing key, so the broker routes a copy of each task to it;</li>
 * <li>the dispatchers' published counters and the workers' expired counters, scraped every 2 s (a process keeps its
 * last value after it ends);</li>
 * <li>every 500 ms: each board-web's readiness, the results queue's depth and the highest check_results id;</li>
 * <li>at the end: the stored task ids, the dead-letter queues (drained and sorted by reason), events and staleness.</li>
 * </ul>
 */
final class Ledger implements AutoCloseable {

    static final String TASKS_EXCHANGE = "vigie.tasks";
    static final String TASKS_QUEUE = "vigie.check-tasks";
    static final String RESULTS_QUEUE = "vigie.check-results";
    static final String TASKS_DLQ = "vigie.check-tasks.dlq";
    static final String RESULTS_DLQ = "vigie.check-results.dlq";
    static final String TAP = "drills.tap";
    static final String RESULTS_EXCHANGE = "vigie.results";
    static final String RESULTS_TAP = "drills.results-tap";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONCE = Pattern.compile("dispatched (\\d+) checks?");
    private static final Pattern REFUSED_RESULT =
            Pattern.compile("not confirmed \\(Message publish nacked by the broker\\)");
    private static final Pattern REFUSED = Pattern.compile(
            "could not publish \\d+ check tasks \\(the broker refused the task \\(nack\\)\\): (\\d+) put back");

    private static final Pattern UNCONFIRMED = Pattern.compile(
            "could not publish \\d+ check tasks \\(.*\\): \\d+ put back, due again; (\\d+) unconfirmed");

    private final DrillServers servers;
    private final VigieApps apps;
    private final List<Address> broker;
    private final Connection tapConnection;
    private Connection probeConnection;
    private java.sql.Connection db;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);

    final Set<String> tapped = ConcurrentHashMap.newKeySet();
    /** When the taps first saw a task, and a result for it: what an unaccounted task id went through. */
    private final Map<String, Instant> taskSeen = new ConcurrentHashMap<>();

    private final Map<String, Instant> resultSeen = new ConcurrentHashMap<>();
    /** Task ids of results the workers published and board-web has not stored yet (nor dead-lettered). */
    private final Set<String> resultsPending = ConcurrentHashMap.newKeySet();

    private final Set<String> resultsStored = ConcurrentHashMap.newKeySet();
    private volatile long storedScannedId;
    private final Map<Long, Double> published = new ConcurrentHashMap<>();
    private final Map<Long, Double> expired = new ConcurrentHashMap<>();
    private final List<String> samples = new CopyOnWriteArrayList<>();
    private volatile long lastMaxId = -1;
    private volatile long lastGrowthMillis;
    /** Since when results have been waiting without a break (0: none waiting). */
    private volatile long waitingSinceMillis;

    volatile int samplesTaken;
    volatile int upWhileNotStoring;
    volatile String firstUpWhileNotStoring;
    private volatile Instant drillStart = Instant.now();
    private ScheduledFuture<?> sampling;
    private ScheduledFuture<?> scraping;

    /** On the drill servers' own broker node. */
    Ledger(DrillServers servers, VigieApps apps) throws Exception {
        this(servers, apps, List.of(new Address("127.0.0.1", servers.amqpPort)));
    }

    /**
     * On the broker at {@code broker}: a cluster's nodes, so the ledger carries on when one goes (the probes' connections
     * try them in order, the taps' connection, which recovers by itself, in a random order).
     */
    Ledger(DrillServers servers, VigieApps apps, List<Address> broker) throws Exception {
        this.servers = servers;
        this.apps = apps;
        this.broker = List.copyOf(broker);
        ConnectionFactory factory = factory();
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        tapConnection = factory.newConnection(this.broker, "drills-tap");
        // Quorum, like the tasks queue: its copy survives the broker's restarts as the original does.
        tap(TASKS_EXCHANGE, "check", TAP, (props, body) -> {
            // one task, or several a dispatcher sent together in one message
            for (String id : props.getMessageId() != null ? List.of(props.getMessageId()) : taskIds(body)) {
                tapped.add(id);
                taskSeen.putIfAbsent(id, Instant.now());
            }
        });
        // The same for results: "results waiting" counts the results published and not yet stored, acknowledged
        // or not (a queue's message count leaves out the up to 1,000 results board-web holds unacknowledged).
        tap(RESULTS_EXCHANGE, "result", RESULTS_TAP, (props, body) -> {
            for (String id : taskIds(body)) {
                // add, then look: resultsWaiting() records stored ids, then removes: one of the two sees the other
                resultSeen.putIfAbsent(id, Instant.now());
                resultsPending.add(id);
                if (resultsStored.contains(id)) {
                    resultsPending.remove(id);
                }
            }
        });
    }

    /** A quorum queue of the drills' own, bound beside the apps' queue, whose every message goes to {@code seen}. */
    private void tap(String exchange, String routingKey, String queue, BiConsumer<AMQP.BasicProperties, byte[]> seen)
            throws IOException {
        Channel channel = tapConnection.createChannel();
        channel.exchangeDeclare(exchange, "direct", true);
        channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(queue, exchange, routingKey);
        channel.basicQos(2000);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                seen.accept(props, body);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
    }

    /** What the taps saw of a task: when it was published, and whether and when a result for it was. */
    String history(String taskId) {
        Instant result = resultSeen.get(taskId);
        return "published " + taskSeen.get(taskId) + ", "
                + (result == null ? "no result published" : "result published " + result + ", not stored");
    }

    /** Results published and neither stored nor in the results dead-letter queue; -1 when unknown. */
    long resultsWaiting() {
        try (Statement s = db().createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT id, task_id FROM check_results WHERE id > " + storedScannedId + " ORDER BY id")) {
            while (rs.next()) {
                storedScannedId = rs.getLong(1);
                resultsStored.add(rs.getString(2));
                resultsPending.remove(rs.getString(2));
            }
            lookUpPending(s);
        } catch (Exception e) {
            // the database is away: nothing is being stored, the pending set stands
        }
        long dead = depth(RESULTS_DLQ);
        return resultsPending.size() - Math.max(0, dead);
    }

    /**
     * Ids come from AUTO_INCREMENT at insert, rows become visible at commit: with two board-webs a batch with lower ids
     * can commit after the scan passed them. So the results still pending are also looked up by task id (unique key),
     * a few queries while the backlog is small; a large one (an outage) waits for the scan. A result whose task ended as
     * a missed check is not waiting either.
     */
    private void lookUpPending(Statement s) throws SQLException {
        List<String> pending = new ArrayList<>(resultsPending);
        if (pending.isEmpty() || pending.size() > 5_000) {
            return;
        }
        for (int from = 0; from < pending.size(); from += 1_000) {
            String in = pending.subList(from, Math.min(pending.size(), from + 1_000)).stream()
                    .map(id -> "'" + id.replace("'", "''") + "'")
                    .collect(Collectors.joining(","));
            // a result the results queue refused (nack) reached the results tap all the same; its task went back to
            // the queue and ended with another result, or dead-lettered and recorded by board-web as a missed check
            for (String table : List.of("check_results", "missed_checks")) {
                try (ResultSet rs = s.executeQuery("SELECT task_id FROM " + table + " WHERE task_id IN (" + in + ")")) {
                    while (rs.next()) {
                        resultsStored.add(rs.getString(1));
                        resultsPending.remove(rs.getString(1));
                    }
                }
            }
        }
    }

    private ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setConnectionTimeout(2000);
        factory.setRequestedHeartbeat(5);
        return factory;
    }

    /**
     * The task ids of a task or results message: one task's or result's object, or an array of those a dispatcher or a
     * worker sent together.
     */
    static List<String> taskIds(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            List<String> ids = new ArrayList<>();
            for (JsonNode one : n != null && n.isArray() ? n : List.of(n)) {
                JsonNode id = one == null ? null : one.get("taskId");
                if (id != null && id.isTextual()) {
                    ids.add(id.asText());
                }
            }
            return ids;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------------------------------ per drill

    /** Forgets the previous drill; starts sampling and scraping. */
    void begin() throws Exception {
        drillStart = Instant.now();
        tapped.clear();
        taskSeen.clear();
        resultSeen.clear();
        published.clear();
        expired.clear();
        samples.clear();
        samplesTaken = 0;
        upWhileNotStoring = 0;
        firstUpWhileNotStoring = null;
        lastMaxId = maxResultId();
        storedScannedId = lastMaxId;
        resultsPending.clear();
        resultsStored.clear();
        lastGrowthMillis = System.currentTimeMillis();
        waitingSinceMillis = 0;
        samples.add("t_ms,board_ready,results_waiting,max_result_id,ms_stalled,not_storing");
        sampling = clock.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
        scraping = clock.scheduleAtFixedRate(this::scrape, 1, 2, TimeUnit.SECONDS);
    }

    void end(Path csv) throws IOException {
        sampling.cancel(false);
        scraping.cancel(false);
        scrape();
        Files.write(csv, samples, StandardCharsets.UTF_8);
    }

    /** Readiness against storage: UP while results wait and nothing has been stored for 5 s + 10 s grace is a lie. */
    private void sample() {
        try {
            long now = System.currentTimeMillis();
            StringBuilder ready = new StringBuilder();
            boolean anyUp = false;
            for (VigieApps.App board : apps.running("board-web")) {
                int status = apps.status(board.managementUrl("/q/health/ready"));
                anyUp |= status == 200;
                ready.append(ready.isEmpty() ? "" : "/").append(status);
            }
            long depth = resultsWaiting();
            long max = maxResultIdOrMinus1();
            if (max > lastMaxId) {
                lastMaxId = max;
                lastGrowthMillis = now;
            }
            if (depth <= 0) {
                waitingSinceMillis = 0;
            } else if (waitingSinceMillis == 0) {
                waitingSinceMillis = now;
            }
            // Stalled: results have waited, and nothing has been stored, for this long (the later of the two clocks).
            long sinceGrowth = depth > 0 ? now - Math.max(lastGrowthMillis, waitingSinceMillis) : 0;
            boolean notStoring = depth > 0 && sinceGrowth >= 5_000;
            samplesTaken++;
            if (anyUp && notStoring && sinceGrowth >= 15_000) { // 5 s to call it not storing, then 10 s of grace
                upWhileNotStoring++;
                if (firstUpWhileNotStoring == null) {
                    firstUpWhileNotStoring = "t+"
                            + Duration.between(drillStart, Instant.ofEpochMilli(now))
                                    .toSeconds() + "s ready=" + ready + " results waiting=" + depth
                            + " nothing stored for " + sinceGrowth + " ms";
                }
            }
            samples.add((now - drillStart.toEpochMilli()) + "," + ready + "," + depth + "," + max + "," + sinceGrowth
                    + "," + notStoring);
        } catch (RuntimeException e) {
            samples.add("# sample failed: " + e);
        }
    }

    private void scrape() {
        for (VigieApps.App app : apps.running()) {
            if (app.port() <= 0) {
                continue;
            }
            String name = switch (app.module()) {
                case "check-dispatcher" -> "vigie_dispatch_tasks_published_total";
                case "check-worker" -> "vigie_worker_tasks_expired_total";
                default -> null;
            };
            if (name == null) {
                continue;
            }
            double sum = metric(app, name);
            if (sum >= 0) {
                (app.module().equals("check-dispatcher") ? published : expired).merge(app.pid(), sum, Math::max);
            }
        }
    }

    /** A counter of a running app, summed over its tags; -1 when the app does not answer or has no such counter. */
    double metric(VigieApps.App app, String name) {
        String body = apps.get(app.url("/q/metrics"));
        if (!body.startsWith("200 ")) {
            return -1;
        }
        double sum = 0;
        boolean seen = false;
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                seen = true;
            }
        }
        return seen ? sum : -1;
    }

    void scrapeNow() {
        scrape();
    }

    /** What the cron-style {@code once} runs printed: "dispatched N checks". */
    long onceDispatched(List<VigieApps.App> onces) {
        long n = 0;
        for (VigieApps.App once : onces) {
            Matcher m = ONCE.matcher(apps.readLog(once));
            while (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    /**
     * Tasks the broker refused (nack), from the dispatchers' logs: a task routed to the tap but refused by the tasks
     * queue reached the tap only; its service was put back and sent again as a new task.
     */
    long refusedByTheBroker(List<VigieApps.App> dispatchers) {
        return sumInLogs(REFUSED, dispatchers);
    }

    /**
     * Tasks written but never confirmed (the broker stopped first), from the dispatchers' logs: not counted as
     * published, and the broker may hold them all the same. Their copies in the tap can expire before the ledger is
     * back to read them, while the tasks queue dead-letters its own: dead tasks with ids the tap never saw.
     */
    long unconfirmedByTheBroker(List<VigieApps.App> dispatchers) {
        return sumInLogs(UNCONFIRMED, dispatchers);
    }

    /** The sum of {@code pattern}'s first group over every match in the apps' logs. */
    private long sumInLogs(Pattern pattern, List<VigieApps.App> apps) {
        long n = 0;
        for (VigieApps.App app : apps) {
            Matcher m = pattern.matcher(this.apps.readLog(app));
            while (m.find()) {
                n += Long.parseLong(m.group(1));
            }
        }
        return n;
    }

    /** Results the broker refused (nack), from the workers' logs: each sent its task back to the queue. */
    long refusedResults(List<VigieApps.App> workers) {
        long n = 0;
        for (VigieApps.App worker : workers) {
            Matcher m = REFUSED_RESULT.matcher(apps.readLog(worker));
            while (m.find()) {
                n++;
            }
        }
        return n;
    }

    long publishedCounter() {
        return Math.round(
                published.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    long expiredCounter() {
        return Math.round(
                expired.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    // ------------------------------------------------------------------------------------------ broker

    synchronized long depth(String queue) {
        try {
            if (probeConnection == null || !probeConnection.isOpen()) {
                probeConnection = factory().newConnection(broker, "drills-probe");
            }
            try (Channel ch = probeConnection.createChannel()) {
                return ch.queueDeclarePassive(queue).getMessageCount();
            }
        } catch (Exception e) {
            return -1;
        }
    }

    /** Between drills (no app running): whatever a failed drill left behind goes, so it is not counted twice. */
    synchronized void purgeQueues() {
        for (String q : List.of(TASKS_QUEUE, RESULTS_QUEUE, TASKS_DLQ, RESULTS_DLQ, TAP, RESULTS_TAP)) {
            try {
                if (probeConnection == null || !probeConnection.isOpen()) {
                    probeConnection = factory().newConnection(broker, "drills-probe");
                }
                try (Channel ch = probeConnection.createChannel()) {
                    ch.queuePurge(q);
                }
            } catch (Exception ignored) {
                // not declared yet
            }
        }
    }

    /** A dead-lettered message: where, why, and the task it belongs to (null when unreadable). */
    record Dead(String queue, String reason, String taskId, int bytes) {}

    /** Drains a dead-letter queue: the next drill starts from an empty one. */
    synchronized List<Dead> drain(String queue) throws Exception {
        List<Dead> dead = new ArrayList<>();
        if (probeConnection == null || !probeConnection.isOpen()) {
            probeConnection = factory().newConnection(broker, "drills-probe");
        }
        try (Channel ch = probeConnection.createChannel()) {
            try {
                ch.queueDeclarePassive(queue);
            } catch (IOException e) {
                return dead;
            }
        }
        try (Channel ch = probeConnection.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet(queue, true)) != null) {
                Map<String, Object> h = r.getProps().getHeaders() == null
                        ? Map.of()
                        : r.getProps().getHeaders();
                String reason;
                if (h.get("x-vigie-reason") != null) {
                    reason = "x-vigie-reason=" + shorten(String.valueOf(h.get("x-vigie-reason")));
                    if (h.get("x-vigie-kind") != null) {
                        reason = "x-vigie-kind=" + h.get("x-vigie-kind") + " " + reason;
                    }
                } else if (h.get("x-death") instanceof List<?> deaths
                        && !deaths.isEmpty()
                        && deaths.get(0) instanceof Map<?, ?> d) {
                    reason = "x-death=" + d.get("reason");
                } else if (h.get("x-first-death-reason") != null) {
                    reason = "x-first-death-reason=" + h.get("x-first-death-reason");
                } else {
                    reason = "no reason";
                }
                // a message of several tasks (or results) is dead for each of them
                List<String> ids = taskIds(r.getBody());
                if (ids.isEmpty()) {
                    String id = r.getProps().getMessageId() != null && queue.equals(TASKS_DLQ)
                            ? r.getProps().getMessageId()
                            : null;
                    ids = Collections.singletonList(id);
                }
                for (String id : ids) {
                    dead.add(new Dead(queue, reason, id, r.getBody().length));
                }
            }
        }
        return dead;
    }

    /**
     * The dead tasks board-web already took off the tasks' dead-letter queue and recorded as missed checks, as if
     * drained from the queue (kind and reason as the headers said); the table is emptied for the next drill.
     */
    synchronized List<Dead> drainMissedChecks() throws Exception {
        List<Dead> dead = new ArrayList<>();
        try (Statement s = db().createStatement();
                ResultSet rs = s.executeQuery("SELECT task_id, kind, reason FROM missed_checks")) {
            while (rs.next()) {
                String reason = rs.getString(3).startsWith("dead-lettered by the broker")
                        ? "x-death=" + rs.getString(2)
                        : "x-vigie-kind=" + rs.getString(2) + " x-vigie-reason=" + shorten(rs.getString(3));
                dead.add(new Dead("missed_checks", reason, rs.getString(1), 0));
            }
        }
        try (Statement s = db().createStatement()) {
            s.executeUpdate("DELETE FROM missed_checks");
        }
        return dead;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Sends raw bytes straight to a queue (default exchange), as a broken or hostile publisher would. */
    synchronized void publishRaw(String queue, byte[] body, String contentType) throws Exception {
        if (probeConnection == null || !probeConnection.isOpen()) {
            probeConnection = factory().newConnection(broker, "drills-probe");
        }
        try (Channel ch = probeConnection.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish(
                    "",
                    queue,
                    true,
                    new AMQP.BasicProperties.Builder()
                            .contentType(contentType)
                            .deliveryMode(2)
                            .build(),
                    body);
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    // ------------------------------------------------------------------------------------------ database

    private synchronized java.sql.Connection db() throws Exception {
        if (db == null || !db.isValid(1)) {
            if (db != null) {
                try {
                    db.close();
                } catch (Exception ignored) {
                    // replaced below
                }
            }
            db = DriverManager.getConnection(
                    servers.jdbcUrl() + "?connectTimeout=1000&socketTimeout=5000"
                            + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true",
                    "vigie",
                    "vigie");
        }
        return db;
    }

    synchronized long scalar(String sql) throws Exception {
        try (Statement s = db().createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long maxResultId() throws Exception {
        return scalar("SELECT COALESCE(MAX(id), 0) FROM check_results");
    }

    private long maxResultIdOrMinus1() {
        try {
            return maxResultId();
        } catch (Exception e) {
            return -1;
        }
    }

    synchronized Set<String> storedTaskIds(long afterId) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Statement s = db().createStatement();
                ResultSet rs = s.executeQuery("SELECT task_id FROM check_results WHERE id > " + afterId)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Services whose last check (by the dispatcher's issue time) is older than 3 intervals, or never checked. */
    long staleServices() throws Exception {
        return scalar("""
                SELECT COUNT(*) FROM services s LEFT JOIN check_states c ON c.service_id = s.id
                WHERE s.target IS NOT NULL
                  AND (c.service_id IS NULL
                       OR COALESCE(c.last_issued_at, c.last_checked_at) < UTC_TIMESTAMP(3) - INTERVAL (3 * s.check_interval_s) SECOND)""");
    }

    /** Check events repeating their service's previous check event's status, among events after {@code afterId}. */
    long repeatedStatusEvents(long afterId) throws Exception {
        return scalar("""
                SELECT COUNT(*) FROM (
                  SELECT id, status_id, LAG(status_id) OVER (PARTITION BY service_id ORDER BY created_at, id) AS previous
                  FROM events WHERE source = 'CHECK' AND informational = FALSE) e
                WHERE e.previous = e.status_id AND e.id > """ + afterId);
    }

    /**
     * Results and events of the drill dated after the database's clock (UTC, as board-web writes them) by more than
     * 2 s: what trusting a skewed worker's clock would produce.
     */
    long datedInTheFuture(long afterResultId, long afterEventId) throws Exception {
        return scalar("SELECT (SELECT COUNT(*) FROM check_results WHERE id > " + afterResultId
                + " AND finished_at > UTC_TIMESTAMP(3) + INTERVAL 2 SECOND)"
                + " + (SELECT COUNT(*) FROM events WHERE id > " + afterEventId
                + " AND created_at > UTC_TIMESTAMP(3) + INTERVAL 2 SECOND)");
    }

    long taskIdsOnTwoEvents() throws Exception {
        return scalar(
                "SELECT COUNT(*) FROM (SELECT task_id FROM events WHERE task_id IS NOT NULL GROUP BY task_id HAVING COUNT(*) > 1) d");
    }

    long maxEventId() throws Exception {
        return scalar("SELECT COALESCE(MAX(id), 0) FROM events");
    }

    Map<String, Long> histogram(List<Dead> dead) {
        Map<String, Long> h = new TreeMap<>();
        for (Dead d : dead) {
            h.merge(d.queue().replace("vigie.", "") + " " + d.reason(), 1L, Long::sum);
        }
        return h;
    }

    static Map<String, Long> count(Map<String, Long> into, String key) {
        into.merge(key, 1L, Long::sum);
        return into;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        for (AutoCloseable c : new AutoCloseable[] {tapConnection, probeConnection, db}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the servers go next
            }
        }
    }

    static Map<String, Long> newCounts() {
        return new HashMap<>();
    }
}
