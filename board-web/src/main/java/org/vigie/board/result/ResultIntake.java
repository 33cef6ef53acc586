package org.vigie.board.result;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the result consumer is doing, told by the consumer itself and read by the health checks. Liveness fails when
 * the stream has ended, or when results wait in the queue and none has been received for
 * {@code vigie.results.stall-timeout} while no write is failing: a consumer that silently stopped, which a restart
 * cures. Readiness also fails while writes fail (the database is away), and when results wait and none has been
 * stored for {@code vigie.results.ready-stall-timeout}: board-web is then not storing results, and says so rather than
 * answering "ready".
 */
@ApplicationScoped
public class ResultIntake {

    private final Clock clock;
    private final Duration stallTimeout;
    private final Duration readyStallTimeout;
    private final Instant startedAt;

    private volatile Instant lastReceivedAt;
    private volatile Instant lastStoredAt;
    private volatile Instant failingSince;
    private volatile String failure;
    private volatile String ended;
    private volatile long waiting = -1;

    @Inject
    ResultIntake(Clock clock, ResultConfig config) {
        this(clock, config.stallTimeout(), config.readyStallTimeout());
    }

    ResultIntake(Clock clock, Duration stallTimeout) {
        this(clock, stallTimeout, stallTimeout);
    }

    ResultIntake(Clock clock, Duration stallTimeout, Duration readyStallTimeout) {
        this.clock = clock;
        this.stallTimeout = stallTimeout;
        this.readyStallTimeout = readyStallTimeout;
        this.startedAt = clock.instant();
    }

    void received() {
        lastReceivedAt = clock.instant();
    }

    void stored() {
        lastStoredAt = clock.instant();
        failingSince = null;
        failure = null;
    }

    void failing(Throwable cause) {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        failure = StoreFailures.describe(cause);
    }

    void ended(String why) {
        ended = why;
    }

    /** Results ready in the queue, as last read from the broker; -1 when unknown. */
    void waiting(long count) {
        waiting = count;
    }

    /** Why the consumer is not working and a restart would help, or null. */
    String deadReason() {
        if (ended != null) {
            return "the result stream ended: " + ended;
        }
        Instant lastActivity = lastReceivedAt == null ? startedAt : lastReceivedAt;
        if (waiting > 0
                && failingSince == null
                && lastActivity.plus(stallTimeout).isBefore(clock.instant())) {
            return waiting + " results wait in the queue but none was received since " + lastActivity;
        }
        return null;
    }

    /** Why results are not being stored right now, or null. */
    String notStoringReason() {
        String dead = deadReason();
        if (dead != null) {
            return dead;
        }
        if (failingSince != null) {
            return "storing results has failed since " + failingSince + ": " + failure;
        }
        // received but not stored (a batch stuck behind a lock, a consumer fed by a broker node coming back):
        // not a reason to restart, but board-web is not storing and must not say it is ready
        Instant lastStore = lastStoredAt == null ? startedAt : lastStoredAt;
        if (waiting > 0 && lastStore.plus(readyStallTimeout).isBefore(clock.instant())) {
            return waiting + " results wait in the queue but none was stored since " + lastStore;
        }
        return null;
    }

    /** Not private: the checks call it through the bean's client proxy, which must delegate to the instance. */
    HealthCheckResponse report(String name, String problem) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(problem == null);
        if (problem != null) {
            builder.withData("problem", problem);
        }
        return builder.withData("lastReceivedAt", String.valueOf(lastReceivedAt))
                .withData("lastStoredAt", String.valueOf(lastStoredAt))
                .withData("waitingInQueue", waiting)
                .build();
    }

    /** Fails when the consumer is dead: systemd or Kubernetes restarts board-web. */
    @Liveness
    @Singleton
    static class Alive extends Check {

        Alive(ResultIntake intake) {
            super(intake, ResultIntake::deadReason);
        }
    }

    /** Fails whenever results are not being stored, with the reason. */
    @Readiness
    @Singleton
    static class Ready extends Check {

        Ready(ResultIntake intake) {
            super(intake, ResultIntake::notStoringReason);
        }
    }

    /** A health check named {@code result-consumer}, failing while {@code problem} says something. */
    abstract static class Check implements HealthCheck {

        private final ResultIntake intake;
        private final Function<ResultIntake, String> problem;

        Check(ResultIntake intake, Function<ResultIntake, String> problem) {
            this.intake = intake;
            this.problem = problem;
        }

        @Override
        public HealthCheckResponse call() {
            return intake.report("result-consumer", problem.apply(intake));
        }
    }
}
