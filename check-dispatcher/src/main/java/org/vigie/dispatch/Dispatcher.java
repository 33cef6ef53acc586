package org.vigie.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.vigie.check.CheckTask;
import org.vigie.check.Pools;
import org.vigie.check.Target;
import org.vigie.dispatch.broker.BrokerException;
import org.vigie.dispatch.broker.BrokerPreflight;
import org.vigie.dispatch.broker.TaskPublisher;
import org.vigie.dispatch.broker.TaskPublisher.Outcome;
import org.vigie.dispatch.broker.TaskPublisher.Published;
import org.vigie.dispatch.schedule.ClaimedService;
import org.vigie.dispatch.schedule.DueServices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One dispatch pass: claim a batch (committed before anything is sent), turn each service into a check task,
 * publish the tasks and wait for the broker's confirms; repeat until a batch comes back short.
 * <p>
 * A service whose connection string does not parse is skipped and counted; its schedule has moved on like the
 * others, so it is tried again next interval and never holds up the pass. A task that could not be published ends
 * the pass (with the broker gone, further batches would fail too): one certainly not sent puts its service back, due
 * at once; one sent but not confirmed in time leaves its service to its next interval, since the broker may hold it
 * and a second task would check the service twice in one interval.
 * <p>
 * Before each batch the pass looks at the task queues: when a served pool's queue already holds
 * {@code vigie.dispatch.max-queued} tasks the workers have not taken, it stops, and the services still due wait in the
 * database (oldest first next tick) rather than as tasks going stale in the queue.
 */
@ApplicationScoped
public class Dispatcher {

    public static final String BAD_TARGET = "bad connection string";
    public static final String NO_TARGET = "no connection string";

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** Services already reported as skipped: one warning per service and process, not one per interval. */
    private static final int MAX_REMEMBERED_SKIPS = 10_000;

    @Inject
    DueServices dueServices;

    @Inject
    TaskPublisher publisher;

    @Inject
    BrokerPreflight preflight;

    @Inject
    DispatchConfig config;

    @Inject
    MeterRegistry registry;

    private final Set<Long> reportedSkips = ConcurrentHashMap.newKeySet();

    /** A pass over the services that are due ({@code all=false}) or over every service with a target. */
    public PassResult pass(boolean all) throws SQLException {
        return pass(all, config.batchSize());
    }

    public PassResult pass(boolean all, int batchSize) throws SQLException {
        return pass(all, batchSize, config.maxQueued());
    }

    /** As {@link #pass(boolean, int)}, stopping when a served pool's queue holds {@code maxQueued} tasks (0: never). */
    PassResult pass(boolean all, int batchSize, int maxQueued) throws SQLException {
        Timer.Sample sample = Timer.start(registry);
        long started = System.nanoTime();
        int dispatched = 0;
        int putBack = 0;
        int unconfirmed = 0;
        String publishProblem = null;
        Map<String, Integer> skipped = new TreeMap<>();
        long afterId = 0;
        long backlog = 0;
        try {
            while (true) {
                int room = batchSize;
                if (maxQueued > 0) {
                    long waiting = publisher.backlog(preflight.declaredPools());
                    if (waiting >= maxQueued) {
                        backlog = waiting;
                        Counter.builder("vigie.dispatch.paced")
                                .description("Passes stopped because the workers had not taken the queued tasks")
                                .register(registry)
                                .increment();
                        break;
                    }
                    room = (int) Math.min(batchSize, maxQueued - waiting);
                }
                Instant now = Instant.now();
                DueServices.Claim claim =
                        all ? dueServices.claimAll(afterId, now, room) : dueServices.claimDue(now, room);
                afterId = claim.lastId();

                List<CheckTask> tasks = new ArrayList<>(claim.services().size());
                for (ClaimedService service : claim.services()) {
                    String reason = taskFor(service, now, tasks);
                    if (reason != null) {
                        skipped.merge(reason, 1, Integer::sum);
                        Counter.builder("vigie.dispatch.tasks.skipped")
                                .tag("reason", reason)
                                .description("Claimed services not sent, by reason; their schedule moved on")
                                .register(registry)
                                .increment();
                    }
                }

                List<Published> published = publish(tasks);
                List<Long> notSent = servicesNotSent(published);
                int confirmed = serviceIds(published, Outcome.CONFIRMED).size();
                int notConfirmed = serviceIds(published, Outcome.UNCONFIRMED).size();
                dispatched += confirmed;
                Counter.builder("vigie.dispatch.tasks.published")
                        .description("Check tasks published and confirmed by the broker")
                        .register(registry)
                        .increment(confirmed);
                if (!notSent.isEmpty() || notConfirmed > 0) {
                    publishProblem = published.stream()
                            .map(Published::problem)
                            .filter(p -> p != null)
                            .findFirst()
                            .orElseThrow();
                    // only a task certainly not sent puts its service back: an unconfirmed one may be in the
                    // queue, and putting its service back could check it twice in one interval
                    dueServices.putBack(notSent, Instant.now());
                    putBack += notSent.size();
                    unconfirmed += notConfirmed;
                    Counter.builder("vigie.dispatch.tasks.put-back")
                            .description("Check tasks certainly not sent; their services were made due again")
                            .register(registry)
                            .increment(notSent.size());
                    Counter.builder("vigie.dispatch.tasks.unconfirmed")
                            .description("Check tasks sent but not confirmed in time; their services wait an interval")
                            .register(registry)
                            .increment(notConfirmed);
                    LOG.warnf(
                            "could not publish %d check tasks (%s): %d put back, due again; %d unconfirmed, due "
                                    + "next interval",
                            serviceIds(published, Outcome.NOT_SENT).size() + notConfirmed,
                            publishProblem,
                            notSent.size(),
                            notConfirmed);
                    break;
                }
                if (claim.claimedIds().size() < room) {
                    break;
                }
            }
        } finally {
            sample.stop(Timer.builder("vigie.dispatch.pass")
                    .tag("scope", all ? "all" : "due")
                    .description("Duration of a dispatch pass: claim, publish, confirm")
                    .register(registry));
        }
        return new PassResult(
                dispatched,
                skipped,
                putBack,
                unconfirmed,
                publishProblem,
                Duration.ofNanos(System.nanoTime() - started),
                backlog);
    }

    /** Declares the queues of pools not seen yet, then publishes; a pool that cannot be declared sends nothing. */
    private List<Published> publish(List<CheckTask> tasks) {
        try {
            preflight.declarePools(tasks.stream().map(CheckTask::pool).collect(Collectors.toSet()));
        } catch (BrokerException e) {
            return tasks.stream()
                    .map(task -> new Published(task, Outcome.NOT_SENT, e.getMessage()))
                    .toList();
        }
        return publisher.publish(tasks, config.publishTimeout());
    }

    /** Adds the service's tasks, one per pool, to {@code tasks}, or says why there is none. */
    private String taskFor(ClaimedService service, Instant now, List<CheckTask> tasks) {
        if (service.target() == null || service.target().isBlank()) {
            reportSkip(service, NO_TARGET, "it has no connection string");
            return NO_TARGET;
        }
        Duration interval = Duration.ofSeconds(service.intervalSeconds());
        try {
            Target target = Target.parse(service.target());
            Duration timeout = target.timeout().orElse(config.defaultTimeout());
            if (timeout.compareTo(interval) > 0) {
                timeout = interval; // a probe outliving its interval would overlap the next check
            }
            if (timeout.compareTo(CheckTask.MAX_TIMEOUT) > 0) {
                timeout = CheckTask.MAX_TIMEOUT; // a long default-timeout and interval: what a worker accepts
            }
            // one task per pool, each worth running until the next one is issued
            for (String pool : Pools.parseList(service.pools())) {
                tasks.add(CheckTask.issue(service.serviceId(), service.target(), timeout, now, interval, pool));
            }
            return null;
        } catch (IllegalArgumentException e) {
            reportSkip(service, BAD_TARGET, e.getMessage());
            return BAD_TARGET;
        }
    }

    private void reportSkip(ClaimedService service, String reason, String detail) {
        if (reportedSkips.size() < MAX_REMEMBERED_SKIPS && reportedSkips.add(service.serviceId())) {
            LOG.warnf("service %d is not checked (%s): %s", service.serviceId(), reason, detail);
        }
    }

    /**
     * Services none of whose tasks were sent: those go back, due at once. A service checked from several pools whose
     * task reached some of them waits for its next interval, as an unconfirmed one does: putting it back would check
     * it twice from the pools that got their task.
     */
    private static List<Long> servicesNotSent(List<Published> published) {
        Set<Long> sent = new HashSet<>();
        published.stream()
                .filter(p -> p.outcome() != Outcome.NOT_SENT)
                .forEach(p -> sent.add(p.task().serviceId()));
        return published.stream()
                .filter(p -> p.outcome() == Outcome.NOT_SENT
                        && !sent.contains(p.task().serviceId()))
                .map(p -> p.task().serviceId())
                .distinct()
                .toList();
    }

    private static List<Long> serviceIds(List<Published> published, Outcome outcome) {
        return published.stream()
                .filter(p -> p.outcome() == outcome)
                .map(p -> p.task().serviceId())
                .toList();
    }
}
