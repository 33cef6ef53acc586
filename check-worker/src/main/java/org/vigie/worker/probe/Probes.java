package org.vigie.worker.probe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.vigie.check.Outcome;
import org.vigie.check.Scheme;
import org.vigie.check.Target;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Picks the probe for a target's scheme, holds it to its deadline, turns its failures into DOWN verdicts with the
 * evidence gathered so far, and applies the common {@code slow} option (an UP slower than {@code slow} is a WARNING).
 */
@ApplicationScoped
public class Probes {

    private static final Logger LOG = Logger.getLogger(Probes.class);

    private final Map<Scheme, Probe> bySchemes = new EnumMap<>(Scheme.class);
    private final ProbeLoops loops;

    @Inject
    Probes(Instance<Probe> probes, ProbeLoops loops) {
        this(probes, true, loops);
    }

    /** {@code requireEveryScheme} false only for tests that check some probes on their own. */
    Probes(Iterable<? extends Probe> probes, boolean requireEveryScheme) {
        this(probes, requireEveryScheme, new ProbeLoops());
    }

    private Probes(Iterable<? extends Probe> probes, boolean requireEveryScheme, ProbeLoops loops) {
        this.loops = loops;
        for (Probe probe : probes) {
            for (Scheme scheme : probe.schemes()) {
                Probe previous = bySchemes.put(scheme, probe);
                if (previous != null) {
                    throw new IllegalStateException("two probes for " + scheme.id() + ": "
                            + previous.getClass().getName() + " and "
                            + probe.getClass().getName());
                }
            }
        }
        for (Scheme scheme : Scheme.values()) {
            if (requireEveryScheme && !bySchemes.containsKey(scheme)) {
                // a scheme the board accepts but no worker can check would leave its services unchecked forever
                throw new IllegalStateException("no probe for scheme " + scheme.id());
            }
        }
    }

    /** Checks {@code target}; the Uni never fails, and ends within {@code timeout} whatever the probe does. */
    public Uni<Verdict> check(Target target, Duration timeout) {
        Probe probe = bySchemes.get(target.scheme());
        if (probe == null) {
            String reason = "no probe for " + target.scheme().id();
            return Uni.createFrom().item(Verdict.down(reason, reason));
        }
        Evidence evidence = new Evidence();
        long[] start = new long[1];
        Uni<Verdict> probing = Uni.createFrom().emitter(emitter -> {
            AtomicReference<Cancellable> running = new AtomicReference<>();
            AtomicBoolean ended = new AtomicBoolean();
            emitter.onTermination(() -> {
                ended.set(true);
                Cancellable probeRunning = running.get();
                if (probeRunning == null) {
                    return; // its deadline passed before its event loop had a turn: it never starts
                }
                try {
                    probeRunning.cancel();
                } catch (RuntimeException e) {
                    // a probe failing to clean up must not keep the deadline's verdict from going out
                    LOG.debugf(e, "%s did not cancel cleanly", target);
                }
            });
            loops.start(() -> {
                if (ended.get()) {
                    return;
                }
                start[0] = System.nanoTime();
                Uni<Verdict> uni = probe instanceof EvidenceProbe recording
                        ? recording.probe(target, timeout, evidence)
                        : probe.probe(target, timeout);
                running.set(uni.subscribe().with(emitter::complete, emitter::fail));
                if (ended.get()) {
                    running.get().cancel(); // it ended while this one started
                }
            });
        });
        return probing.ifNoItem()
                .after(timeout)
                .failWith(() -> new ProbeTimeoutException(timeout))
                .map(verdict -> slow(
                        target,
                        verdict.withEvidence(evidence.snapshot()),
                        Duration.ofNanos(System.nanoTime() - start[0])))
                .onFailure()
                .recoverWithItem(failure -> {
                    Verdict verdict = Reasons.down(failure, timeout, evidence.snapshot());
                    LOG.debugf("%s is down: %s (%s)", target, verdict.reason(), failure);
                    return verdict;
                });
    }

    /** An UP that took longer than the target's {@code slow} option becomes a WARNING saying so. */
    static Verdict slow(Target target, Verdict verdict, Duration took) {
        if (verdict.outcome() != Outcome.UP) {
            return verdict;
        }
        return target.duration("slow")
                .filter(limit -> took.compareTo(limit) > 0)
                .map(limit -> {
                    // durations only: public as it is
                    String reason = "slow: " + seconds(took) + " > " + seconds(limit);
                    return verdict.as(Outcome.WARNING, reason, reason);
                })
                .orElse(verdict);
    }

    /** {@code 2.3 s}, {@code 2 s}, {@code 850 ms}: how the {@code slow} reason writes durations. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return BigDecimal.valueOf(ms, 3)
                        .setScale(1, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString() + " s";
    }
}
