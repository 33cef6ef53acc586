package org.vigie.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.vigie.check.CheckTask;
import org.vigie.check.Target;
import org.vigie.dispatch.broker.TaskPublisher;
import org.vigie.dispatch.schedule.ClaimedService;
import org.vigie.dispatch.schedule.DueServices;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;

/**
 * One dispatch pass: claim a batch (committed before anything is sent), turn each service into a check task,
 * publish the tasks and wait for the broker's confirms; repeat until a batch comes back short.
 * <p>
 * A service whose connection string does not parse is skipped and counted; its schedule has moved on like the
 * others, so it is tried again next interval and never holds up the pass. A task the broker does not confirm puts
 * its service back (due at once) and ends the pass: with the broker gone, further batches would only be put back
 * too.
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
    DispatchConfig config;

    @Inject
    MeterRegistry registry;

    private final Set<Long> reportedSkips = ConcurrentHashMap.newKeySet();

    /** A pass over the services that are due ({@code all=false}) or over every service with a target. */
    public PassResult pass(boolean all) throws SQLException {
        return pass(all, config.batchSize());
    }

    public PassResult pass(boolean all, int batchSize) throws SQLException {
        Timer.Sample sample = Timer.start(registry);
        long started = System.nanoTime();
        int dispatched = 0;
        int putBack = 0;
        String publishProblem = null;
        Map<String, Integer> skipped = new TreeMap<>();
        long afterId = 0;
        try {
            while (true) {
                Instant now = Instant.now();
                DueServices.Claim claim = all
                        ? dueServices.claimAll(afterId, now, batchSize)
                        : dueServices.claimDue(now, batchSize);
                afterId = claim.lastId();

                List<CheckTask> tasks = new ArrayList<>(claim.services().size());
                for (ClaimedService service : claim.services()) {
                    String reason = taskFor(service, now, tasks);
                    if (reason != null) {
                        skipped.merge(reason, 1, Integer::sum);
                        Counter.builder("vigie.dispatch.tasks.skipped").tag("reason", reason)
                                .description("Claimed services not sent, by reason; their schedule moved on")
                                .register(registry).increment();
                    }
                }

                List<Failed> failed = publishAll(tasks);
                dispatched += tasks.size() - failed.size();
                Counter.builder("vigie.dispatch.tasks.published").description("Check tasks published and confirmed by the broker")
                        .register(registry).increment(tasks.size() - failed.size());
                if (!failed.isEmpty()) {
                    publishProblem = Causes.describe(failed.get(0).error());
                    dueServices.putBack(failed.stream().map(f -> f.task().serviceId()).toList(), Instant.now());
                    putBack += failed.size();
                    Counter.builder("vigie.dispatch.tasks.put-back").description("Check tasks not confirmed; their services were made due again")
                            .register(registry).increment(failed.size());
                    LOG.warnf("could not publish %d check tasks (%s); their services are due again", failed.size(), publishProblem);
                    break;
                }
                if (claim.claimedIds().size() < batchSize) {
                    break;
                }
            }
        } finally {
            sample.stop(Timer.builder("vigie.dispatch.pass").tag("scope", all ? "all" : "due")
                    .description("Duration of a dispatch pass: claim, publish, confirm").register(registry));
        }
        return new PassResult(dispatched, skipped, putBack, publishProblem, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Adds the service's task to {@code tasks}, or says why there is none. */
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
            // the task is worth running until the next one is issued
            tasks.add(CheckTask.issue(service.serviceId(), service.target(), timeout, now, interval));
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

    /** A publish outcome; {@code error} is null when the broker confirmed. */
    private record Failed(CheckTask task, Throwable error) {
    }

    private List<Failed> publishAll(List<CheckTask> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Duration timeout = config.publishTimeout();
        return Multi.createFrom().iterable(tasks)
                .onItem().transformToUni(task -> publisher.publish(task)
                        .ifNoItem().after(timeout).failWith(() -> new TimeoutException("not confirmed within " + timeout.toMillis() + " ms"))
                        .onItemOrFailure().transform((ok, error) -> new Failed(task, error)))
                .merge(TaskPublisher.MAX_IN_FLIGHT)
                .select().where(f -> f.error() != null)
                .collect().asList()
                .await().indefinitely();
    }
}
