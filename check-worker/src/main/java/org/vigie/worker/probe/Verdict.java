package org.vigie.worker.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vigie.check.Outcome;

/**
 * What one probe says of its target: the outcome, a short reason a person understands, and the evidence behind it
 * (status line, first bytes of the body, certificate, resolved address, timings; see {@code CheckResult}). Evidence
 * is kept in insertion order and never null.
 */
public record Verdict(Outcome outcome, String reason, Map<String, String> evidence) {

    public Verdict {
        evidence = evidence == null || evidence.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public Verdict(Outcome outcome, String reason) {
        this(outcome, reason, Map.of());
    }

    public static Verdict up(String reason) {
        return new Verdict(Outcome.UP, reason, Map.of());
    }

    public static Verdict up(String reason, Map<String, String> evidence) {
        return new Verdict(Outcome.UP, reason, evidence);
    }

    public static Verdict warning(String reason) {
        return new Verdict(Outcome.WARNING, reason, Map.of());
    }

    public static Verdict warning(String reason, Map<String, String> evidence) {
        return new Verdict(Outcome.WARNING, reason, evidence);
    }

    public static Verdict down(String reason) {
        return new Verdict(Outcome.DOWN, reason, Map.of());
    }

    public static Verdict down(String reason, Map<String, String> evidence) {
        return new Verdict(Outcome.DOWN, reason, evidence);
    }

    /** This verdict with {@code more} evidence added; keys already present keep their value. */
    public Verdict withEvidence(Map<String, String> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(more);
        merged.putAll(evidence);
        return new Verdict(outcome, reason, merged);
    }

    /** The same evidence, another outcome and reason (e.g. an UP turned WARNING because it was slow). */
    public Verdict as(Outcome newOutcome, String newReason) {
        return new Verdict(newOutcome, newReason, evidence);
    }
}
