package org.vigie.worker.task;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Outcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The worker's meters, exposed at {@code /q/metrics}. */
@ApplicationScoped
public class CheckMetrics {

    /** Scheme tag of a check whose connection string did not parse. */
    static final String UNKNOWN_SCHEME = "unknown";

    private final MeterRegistry registry;
    private final Counter expired;
    private final Counter malformed;
    private final Counter stale;
    private final Counter staleAcks;
    private final Counter unconfirmed;
    private final Workload workload;

    CheckMetrics(MeterRegistry registry, Workload workload) {
        this.registry = registry;
        this.workload = workload;
        this.expired = Counter.builder("vigie.worker.tasks.expired")
                .description("Tasks dead-lettered because they expired before this worker received them")
                .register(registry);
        this.malformed = Counter.builder("vigie.worker.tasks.malformed")
                .description("Task messages that could not be read, sent to the dead-letter queue")
                .register(registry);
        this.stale = Counter.builder("vigie.worker.tasks.stale")
                .description("Tasks not checked: received over a connection since replaced, requeued by the broker")
                .register(registry);
        this.staleAcks = Counter.builder("vigie.worker.acks.skipped")
                .description("Acks and nacks not sent: their task's connection was replaced, the broker requeued it")
                .register(registry);
        this.unconfirmed = Counter.builder("vigie.worker.results.unconfirmed")
                .description("Results whose confirm never came within result-confirm-timeout; their task was requeued")
                .register(registry);
    }

    /** One check done: counted by scheme and outcome, its probe timed by scheme; the heartbeats count it too. */
    void checked(String scheme, Outcome outcome, Duration took) {
        workload.checked(outcome, took);
        Counter.builder("vigie.worker.checks")
                .description("Checks done, by scheme and outcome")
                .tag("scheme", scheme)
                .tag("outcome", outcome.name())
                .register(registry)
                .increment();
        Timer.builder("vigie.worker.probe.duration")
                .description("How long probes take, to the answer or to the failure")
                .tag("scheme", scheme)
                .register(registry)
                .record(took);
    }

    void expired() {
        expired.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void stale() {
        stale.increment();
    }

    void staleAck() {
        staleAcks.increment();
    }

    void unconfirmed() {
        unconfirmed.increment();
    }
}
