package org.vigie.worker.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

/**
 * What one probe says of its target: the outcome, a short reason a person understands, the public reason the board
 * shows to everyone, and the evidence behind it (status line, first bytes of the body, certificate, resolved address,
 * timings; see {@code CheckResult}). Evidence is kept in insertion order and never null.
 * <p>
 * Every verdict states both reasons. The full one is for admins and may name the target's addresses, host names and
 * URLs, quote what the server sent or an exception. The public one is Vigie's own words and numbers only: often the
 * same string ({@code HTTP 503}, {@code connection refused}: pass it twice, nothing is copied), else one of the
 * {@link Reasons} words ({@link Reasons#RESPONSE_DID_NOT_MATCH}, {@link Reasons#UP}...). A null public reason is the
 * outcome's word.
 */
public record Verdict(Outcome outcome, String reason, String publicReason, Map<String, String> evidence) {

    public Verdict {
        evidence = evidence == null || evidence.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        if (publicReason == null) {
            publicReason = CheckResult.publicReasonOf(outcome);
        }
    }

    public static Verdict up(String reason, String publicReason) {
        return new Verdict(Outcome.UP, reason, publicReason, Map.of());
    }

    public static Verdict warning(String reason, String publicReason, Map<String, String> evidence) {
        return new Verdict(Outcome.WARNING, reason, publicReason, evidence);
    }

    public static Verdict down(String reason, String publicReason) {
        return new Verdict(Outcome.DOWN, reason, publicReason, Map.of());
    }

    public static Verdict down(String reason, String publicReason, Map<String, String> evidence) {
        return new Verdict(Outcome.DOWN, reason, publicReason, evidence);
    }

    /** This verdict with {@code more} evidence added; keys already present keep their value. */
    public Verdict withEvidence(Map<String, String> more) {
        if (more == null || more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(more);
        merged.putAll(evidence);
        return new Verdict(outcome, reason, publicReason, merged);
    }

    /** The same evidence, another outcome and reasons (e.g. an UP turned WARNING because it was slow). */
    public Verdict as(Outcome newOutcome, String newReason, String newPublicReason) {
        return new Verdict(newOutcome, newReason, newPublicReason, evidence);
    }
}
