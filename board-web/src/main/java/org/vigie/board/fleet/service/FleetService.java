package org.vigie.board.fleet.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.vigie.board.fleet.FleetConfig;
import org.vigie.check.WorkerHeartbeat;
import org.vigie.messaging.BrokerNames;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The fleet of workers as their heartbeats tell it: the latest heartbeat of each worker, kept in memory (each
 * board-web hears every heartbeat), and each pool judged from its live workers and its queue.
 * <p>
 * A worker is <em>live</em> when heard within {@code vigie.fleet.live-within} and not draining; silent, it stays
 * listed until {@code vigie.fleet.forget-after}. A pool appears when a checked service names it ({@code services.pools})
 * or a worker serves it, with a verdict: {@code no worker} (in use, no live worker), {@code not used} (served, named by
 * no service), {@code falling behind: oldest task 40 s} (a task waited longer than {@code vigie.fleet.behind-after}
 * before its probe, or its queue grows while every live worker is at capacity), else {@code healthy}.
 * <p>
 * For the status logic: {@link #hasLiveWorker(String)} and {@link #poolsWithoutLiveWorker()} say which pools nobody
 * checks for now, and {@link #hasHeardLongEnough()} whether board-web has listened long enough for that to mean
 * something (right after its start it has heard nobody yet).
 */
@ApplicationScoped
public class FleetService {

    /** A worker's latest heartbeat, when board-web received it, and its rate since the one before. */
    record Heard(WorkerHeartbeat beat, Instant at, Double checksPerMinute) {}

    private final FleetConfig config;
    private final Clock clock;
    private final PoolsInUse poolsInUse;
    private final QueueDepths depths;
    private final BrokerNames names;
    private final Map<String, Heard> workers = new ConcurrentHashMap<>();
    private final MultiGauge poolLiveWorkers;
    private final MultiGauge poolCapacity;
    private final MultiGauge poolInFlight;
    private final MultiGauge poolQueueDepth;
    private final MultiGauge poolOldestWait;
    private final MultiGauge poolHealthy;
    private final MultiGauge workerInFlight;
    private volatile Instant listeningSince;
    private volatile boolean heardAny;

    FleetService(
            FleetConfig config,
            Clock clock,
            PoolsInUse poolsInUse,
            QueueDepths depths,
            BrokerNames names,
            MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.poolsInUse = poolsInUse;
        this.depths = depths;
        this.names = names;
        this.listeningSince = clock.instant();
        poolLiveWorkers = MultiGauge.builder("vigie.pool.live.workers")
                .description("Live workers serving the pool (heard within vigie.fleet.live-within, not draining)")
                .register(registry);
        poolCapacity = MultiGauge.builder("vigie.pool.capacity")
                .description("Checks the pool's live workers run at once for it, at most")
                .register(registry);
        poolInFlight = MultiGauge.builder("vigie.pool.in.flight")
                .description("Checks the pool's live workers have in flight for it")
                .register(registry);
        poolQueueDepth = MultiGauge.builder("vigie.pool.queue.depth")
                .description("Tasks ready in the pool's queue (0 when the queue is not declared yet)")
                .register(registry);
        poolOldestWait = MultiGauge.builder("vigie.pool.oldest.wait")
                .description("Longest wait of a task between its issue and its probe, over the live workers' last "
                        + "heartbeat interval")
                .baseUnit("seconds")
                .register(registry);
        poolHealthy = MultiGauge.builder("vigie.pool.healthy")
                .description("1 when the pool is healthy, 0 when it has no worker, is not used or falls behind")
                .register(registry);
        workerInFlight = MultiGauge.builder("vigie.worker.in.flight")
                .description("Checks in flight on each worker heard, by its latest heartbeat")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        listeningSince = clock.instant();
    }

    /** A heartbeat arrived. */
    public void heard(WorkerHeartbeat beat) {
        Instant now = clock.instant();
        workers.compute(beat.workerId(), (id, before) -> new Heard(beat, now, rate(before, beat)));
        heardAny = true;
    }

    /** Whether any worker's heartbeat was heard since board-web started: workers older than heartbeats send none. */
    public boolean hasHeardAnyWorker() {
        return heardAny;
    }

    /** Checks a minute between two heartbeats of one run of a worker (its clock on both ends). */
    private static Double rate(Heard before, WorkerHeartbeat beat) {
        if (before == null || !before.beat().startedAt().equals(beat.startedAt())) {
            return null;
        }
        long millis = Duration.between(before.beat().sentAt(), beat.sentAt()).toMillis();
        long checks = beat.checksDone() - before.beat().checksDone();
        if (millis <= 0 || checks < 0) {
            return before.checksPerMinute();
        }
        return Math.round(checks * 60_000.0 / millis * 10) / 10.0;
    }

    /**
     * Whether board-web has listened for heartbeats at least {@code vigie.fleet.live-within} since its start: before,
     * a pool without a live worker may just not have been heard yet, and must not be taken as unchecked.
     */
    public boolean hasHeardLongEnough() {
        return !clock.instant().isBefore(listeningSince.plus(config.liveWithin()));
    }

    /** Whether a live worker (heard within {@code live-within}, not draining) serves {@code pool}. */
    public boolean hasLiveWorker(String pool) {
        Instant now = clock.instant();
        return workers.values().stream()
                .anyMatch(h -> isLive(h, now) && h.beat().pools().contains(pool));
    }

    /**
     * Whether any worker serving {@code pool} was heard within {@code live-within}, draining or not: a draining worker
     * takes no new task but still finishes and reports those it has.
     */
    public boolean hasWorkerHeard(String pool) {
        Instant now = clock.instant();
        return workers.values().stream()
                .anyMatch(h -> isHeard(h, now) && h.beat().pools().contains(pool));
    }

    /**
     * The pools some checked service names and no live worker serves: nobody checks their services now. Reads the
     * services' pools (cached {@code vigie.fleet.cache-for}). Meaningful once {@link #hasHeardLongEnough()}.
     */
    public Set<String> poolsWithoutLiveWorker() {
        Set<String> without = new TreeSet<>();
        for (String pool : poolsInUse.get()) {
            if (!hasLiveWorker(pool)) {
                without.add(pool);
            }
        }
        return without;
    }

    private boolean isLive(Heard h, Instant now) {
        return !h.beat().draining() && isHeard(h, now);
    }

    private boolean isHeard(Heard h, Instant now) {
        return Duration.between(h.at(), now).compareTo(config.liveWithin()) <= 0;
    }

    /** The fleet now; also brings the gauges up to date. Reads the pools in use and the queue depths (cached). */
    public FleetView view() {
        Instant now = clock.instant();
        forget(now);
        List<Heard> heard = new ArrayList<>(workers.values());
        Set<String> inUse = poolsInUse.get();
        Set<String> pools = new TreeSet<>(inUse);
        heard.forEach(h -> pools.addAll(h.beat().pools()));

        List<PoolView> poolViews = new ArrayList<>();
        for (String pool : pools) {
            poolViews.add(pool(pool, inUse.contains(pool), heard, now));
        }
        List<WorkerView> workerViews = heard.stream()
                .sorted(Comparator.comparing((Heard h) -> h.beat().workerId()))
                .map(h -> worker(h, now))
                .toList();
        FleetView view = new FleetView(hasHeardLongEnough(), List.copyOf(poolViews), workerViews);
        gauges(view);
        return view;
    }

    private PoolView pool(String pool, boolean inUse, List<Heard> heard, Instant now) {
        int live = 0;
        int capacity = 0;
        int inFlight = 0;
        double perMinute = 0;
        long oldestWait = 0;
        boolean allAtCapacity = true;
        for (Heard h : heard) {
            WorkerHeartbeat b = h.beat();
            if (!isLive(h, now) || !b.pools().contains(pool)) {
                continue;
            }
            int share = b.pools().size();
            live++;
            capacity += b.capacity() / share;
            inFlight += b.inFlight() / share;
            perMinute += h.checksPerMinute() == null ? 0 : h.checksPerMinute() / share;
            oldestWait = Math.max(oldestWait, b.oldestWaitMillis());
            allAtCapacity &= b.inFlight() >= b.capacity();
        }
        QueueDepths.Depth depth = depths.of(names.tasksQueue(pool));
        String state;
        String verdict;
        if (inUse && live == 0) {
            state = PoolView.NO_WORKER;
            verdict = "no worker";
        } else if (!inUse) {
            state = PoolView.NOT_USED;
            verdict = "not used";
        } else if (oldestWait > config.behindAfter().toMillis()) {
            state = PoolView.BEHIND;
            verdict = "falling behind: oldest task " + Math.round(oldestWait / 1000.0) + " s";
        } else if (depth.growing() && allAtCapacity) {
            state = PoolView.BEHIND;
            verdict = "falling behind: " + depth.messages() + " tasks waiting, every worker at capacity";
        } else {
            state = PoolView.HEALTHY;
            verdict = "healthy";
        }
        return new PoolView(
                pool,
                inUse,
                live,
                capacity,
                inFlight,
                Math.round(perMinute * 10) / 10.0,
                depth.messages(),
                depth.declared(),
                oldestWait,
                state,
                verdict);
    }

    private WorkerView worker(Heard h, Instant now) {
        WorkerHeartbeat b = h.beat();
        String state = !isHeard(h, now) ? WorkerView.SILENT : b.draining() ? WorkerView.DRAINING : WorkerView.LIVE;
        return new WorkerView(
                b.workerId(),
                b.host(),
                b.pools(),
                b.version(),
                state,
                b.startedAt(),
                h.at(),
                Math.max(0, Duration.between(h.at(), now).toSeconds()),
                b.inFlight(),
                b.capacity(),
                b.checksDone(),
                b.checksFailed(),
                h.checksPerMinute(),
                b.meanProbeMillis(),
                b.oldestWaitMillis());
    }

    private void forget(Instant now) {
        workers.values().removeIf(h -> Duration.between(h.at(), now).compareTo(config.forgetAfter()) > 0);
    }

    /** Keeps the gauges current while nobody looks at the page. */
    @Scheduled(every = "${vigie.fleet.refresh-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        view();
    }

    private void gauges(FleetView view) {
        poolLiveWorkers.register(rows(view, PoolView::liveWorkers), true);
        poolCapacity.register(rows(view, PoolView::capacity), true);
        poolInFlight.register(rows(view, PoolView::inFlight), true);
        poolQueueDepth.register(rows(view, p -> p.queueDepth() == null ? 0 : p.queueDepth()), true);
        poolOldestWait.register(rows(view, p -> p.oldestWaitMillis() / 1000.0), true);
        poolHealthy.register(rows(view, p -> p.healthy() ? 1 : 0), true);
        List<MultiGauge.Row<?>> workerRows = new ArrayList<>();
        for (WorkerView w : view.workers()) {
            workerRows.add(MultiGauge.Row.of(Tags.of("worker", w.workerId()), w.inFlight()));
        }
        workerInFlight.register(workerRows, true);
    }

    private static List<MultiGauge.Row<?>> rows(FleetView view, Function<PoolView, Number> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (PoolView p : view.pools()) {
            rows.add(MultiGauge.Row.of(Tags.of("pool", p.pool()), value.apply(p)));
        }
        return rows;
    }
}
