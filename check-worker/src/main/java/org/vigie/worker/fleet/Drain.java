package org.vigie.worker.fleet;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;
import org.vigie.worker.config.WorkerConfig;
import org.vigie.worker.task.Workload;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import sun.misc.Signal;

/**
 * A worker told to stop finishes what it took: it takes no new task, finishes the checks in flight, publishes their
 * results and acknowledges their tasks, then exits; nothing is checked twice because of a stop.
 * <p>
 * Without this, stopping (SIGTERM) ran straight into the messaging connector's own shutdown, which cancels the task
 * consumers and closes the connections at once: checks in flight were thrown away, their tasks requeued and checked
 * again elsewhere, and a result published but not yet followed by its task's acknowledgement was checked twice.
 * <p>
 * So, first of the shutdown observers: the task stream stops taking tasks ({@link Workload#stopTaking()}: its broker
 * consumers are cancelled, the broker delivers it nothing more), a heartbeat says the worker is draining, and the
 * shutdown waits, at most {@code vigie.worker.drain-timeout}, until every task taken is settled with the broker. What
 * is still unsettled then goes back to the queue when the connections close, as when a worker dies.
 * <p>
 * SIGTERM is how service managers ask a process to stop, so it is a normal exit: the worker takes it to exit 0 (the
 * JVM's own handling would exit 143), after the same orderly shutdown.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final Workload workload;
    private final Heartbeats heartbeats;
    private final Duration timeout;

    Drain(Workload workload, Heartbeats heartbeats, WorkerConfig config) {
        this.workload = workload;
        this.heartbeats = heartbeats;
        this.timeout = config.drainTimeout();
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // tests and dev mode stop the application themselves
        }
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping; checks in flight finish first");
                Quarkus.asyncExit(0);
            });
        } catch (IllegalArgumentException e) {
            LOG.debugf("SIGTERM is not handled here (%s): the JVM's own handling stops the worker", e.getMessage());
        }
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        drain();
    }

    /** Stops taking tasks and waits until those taken are settled, or the drain timeout. */
    public boolean drain() {
        long start = System.nanoTime();
        int taken = workload.inFlight();
        workload.stopTaking();
        heartbeats.beat();
        long deadline = start + timeout.toNanos();
        while (!workload.isIdle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        boolean idle = workload.isIdle();
        if (idle) {
            LOG.infof("Drained in %d ms: %d tasks were in flight, all settled", tookMillis, taken);
        } else {
            LOG.warnf(
                    "Drain timed out after %d ms with %d tasks still in flight: they go back to the queue",
                    tookMillis, workload.inFlight());
        }
        heartbeats.beat();
        return idle;
    }
}
