package org.vigie.worker.probe;

import org.vigie.check.Outcome;

/** What one probe says of its target: the outcome and a short reason a person understands. */
public record Verdict(Outcome outcome, String reason) {

    public static Verdict up(String reason) {
        return new Verdict(Outcome.UP, reason);
    }

    public static Verdict down(String reason) {
        return new Verdict(Outcome.DOWN, reason);
    }
}
