package org.vigie.worker.probe;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.vigie.check.Scheme;
import org.vigie.check.Target;

import io.smallrye.mutiny.Uni;

/** Picks the probe for a target's scheme, holds it to its deadline and turns its failures into DOWN verdicts. */
@ApplicationScoped
public class Probes {

    private static final Logger LOG = Logger.getLogger(Probes.class);

    private final Map<Scheme, Probe> bySchemes = new EnumMap<>(Scheme.class);

    Probes(Instance<Probe> probes) {
        for (Probe probe : probes) {
            for (Scheme scheme : probe.schemes()) {
                Probe previous = bySchemes.put(scheme, probe);
                if (previous != null) {
                    throw new IllegalStateException("two probes for " + scheme.id() + ": " + previous.getClass().getName()
                            + " and " + probe.getClass().getName());
                }
            }
        }
        for (Scheme scheme : Scheme.values()) {
            if (!bySchemes.containsKey(scheme)) {
                // a scheme the board accepts but no worker can check would leave its services unchecked forever
                throw new IllegalStateException("no probe for scheme " + scheme.id());
            }
        }
    }

    /** Checks {@code target}; the Uni never fails, and ends within {@code timeout} whatever the probe does. */
    public Uni<Verdict> check(Target target, Duration timeout) {
        Probe probe = bySchemes.get(target.scheme());
        return Uni.createFrom().deferred(() -> probe.probe(target, timeout))
                .ifNoItem().after(timeout).failWith(() -> new ProbeTimeoutException(timeout))
                .onFailure().recoverWithItem(failure -> {
                    String reason = Reasons.of(failure, timeout);
                    LOG.debugf("%s is down: %s (%s)", target, reason, failure);
                    return Verdict.down(reason);
                });
    }
}
