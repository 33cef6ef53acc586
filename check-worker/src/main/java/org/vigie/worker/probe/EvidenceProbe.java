package org.vigie.worker.probe;

import java.time.Duration;

import org.vigie.check.Target;

import io.smallrye.mutiny.Uni;

/**
 * A probe that records evidence as it goes. {@link Probes} hands it an {@link Evidence} and attaches what it holds to
 * a failure or a timeout, which a probe cannot report itself once its deadline has cancelled it.
 */
public interface EvidenceProbe extends Probe {

    Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence);

    @Override
    default Uni<Verdict> probe(Target target, Duration timeout) {
        return probe(target, timeout, new Evidence());
    }
}
