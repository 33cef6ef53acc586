package org.vigie.worker.task;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Outcome;

/**
 * How busy this worker is, for its heartbeats and its drain: tasks in flight (taken and not yet settled with the
 * broker), checks done and failed since the start, and over the current heartbeat interval the mean probe time and the
 * longest wait of a task between its issue and its probe. Also the drain's switch: once {@link #stopTaking()} is
 * called the task stream takes no new task ({@link TaskProcessor}) and ends when the tasks it took are checked.
 */
@ApplicationScoped
public class Workload {

    /** The figures of one heartbeat interval. */
    public record Interval(long meanProbeMillis, long oldestWaitMillis) {}

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final CompletableFuture<Void> stopTaking = new CompletableFuture<>();
    private final CompletableFuture<Void> streamEnded = new CompletableFuture<>();

    /** Guards the interval's figures, written by the checks and taken by the heartbeats. */
    private final Object lock = new Object();

    private long intervalProbeMillis;
    private long intervalProbes;
    private long intervalOldestWait;

    /** A task entered processing; it is in flight until {@link #settled()}. */
    void taken() {
        inFlight.incrementAndGet();
    }

    /** A task taken was acknowledged, sent back, or left to the broker (its connection went). */
    void settled() {
        inFlight.decrementAndGet();
    }

    /** A task is about to be probed, {@code waited} after its issue (on the dispatcher's clock). */
    void started(Duration waited) {
        synchronized (lock) {
            intervalOldestWait = Math.max(intervalOldestWait, Math.max(0, waited.toMillis()));
        }
    }

    /** A check is done. */
    void checked(Outcome outcome, Duration took) {
        done.incrementAndGet();
        if (outcome == Outcome.DOWN) {
            failed.incrementAndGet();
        }
        synchronized (lock) {
            intervalProbeMillis += took.toMillis();
            intervalProbes++;
        }
    }

    /** The current interval's figures; the next interval starts from nothing. */
    public synchronized Interval takeInterval() {
        Interval interval =
                new Interval(intervalProbes == 0 ? 0 : intervalProbeMillis / intervalProbes, intervalOldestWait);
        intervalProbeMillis = 0;
        intervalProbes = 0;
        intervalOldestWait = 0;
        return interval;
    }

    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    public long checksDone() {
        return done.get();
    }

    public long checksFailed() {
        return failed.get();
    }

    /** Stops taking tasks: the task stream cancels its consumers and ends once the tasks it took are checked. */
    public void stopTaking() {
        stopTaking.complete(null);
    }

    public boolean isDraining() {
        return stopTaking.isDone();
    }

    /** Completes when {@link #stopTaking()} is called. */
    CompletionStage<Void> whenStopTaking() {
        return stopTaking;
    }

    /** The task stream ended, however: no task will enter processing any more. */
    void streamEnded() {
        streamEnded.complete(null);
    }

    /** Whether the task stream has ended and every task it took is settled. */
    public boolean isIdle() {
        return streamEnded.isDone() && inFlight() == 0;
    }
}
