package org.vigie.worker.probe;

import java.time.Duration;
import java.util.Set;

import org.vigie.check.Scheme;
import org.vigie.check.Target;

import io.smallrye.mutiny.Uni;

/** Checks targets of some schemes. Implementations never block: they run on the event loop. */
public interface Probe {

    /** The schemes this probe checks. */
    Set<Scheme> schemes();

    /**
     * Probes {@code target}. The Uni may fail (refused, reset, DNS...): {@link Probes} turns failures into a DOWN
     * verdict with a short reason, and enforces {@code timeout} as a hard deadline; the probe should also set it on
     * its own connection so that a late attempt is abandoned, not left running.
     */
    Uni<Verdict> probe(Target target, Duration timeout);
}
