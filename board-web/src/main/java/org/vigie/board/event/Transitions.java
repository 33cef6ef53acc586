package org.vigie.board.event;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

/**
 * Results in, status changes out: applies one result to a service's check state and says whether the outcome
 * the board shows changes. Down needs {@code failuresBeforeDown} failures in a row, so one lost packet does not
 * flap the board; a warning shows at once. After Unknown (no result for a while, {@link Staleness}) the first result
 * decides alone: it is shown whatever it says, Down included, even when it says what the board showed before Unknown.
 */
@ApplicationScoped
public class Transitions {

    private final TransitionConfig config;

    public Transitions(TransitionConfig config) {
        this.config = config;
    }

    /** A state for a service never checked before: the checks assume it up until told otherwise. */
    public static CheckState initialState(long serviceId) {
        CheckState state = new CheckState();
        state.serviceId = serviceId;
        state.outcome = Outcome.UP;
        return state;
    }

    /**
     * Whether a result comes before the last one applied. Issue times come from the dispatcher's clock, so they
     * order results whatever the workers' clocks say; a result without one falls back to its finish time.
     */
    public static boolean isOlder(CheckProgress state, CheckResult result) {
        if (state.lastIssuedAt != null && result.issuedAt() != null) {
            return result.issuedAt().isBefore(state.lastIssuedAt);
        }
        return state.lastCheckedAt != null && result.finishedAt().isBefore(state.lastCheckedAt);
    }

    /**
     * Applies {@code result} to {@code state} (mutating it) unless the result is older than the last one applied.
     *
     * @return the new outcome to show, when it changed
     */
    public Optional<Outcome> apply(CheckProgress state, CheckResult result) {
        if (isOlder(state, result)) {
            return Optional.empty(); // workers finish out of order: an older result is stored, not applied
        }
        state.recordLast(result);

        if (state.unknownSince != null) {
            // the board said Unknown: the counts from before the silence say nothing about now
            state.unknownSince = null;
            state.consecutiveFailures = result.outcome() == Outcome.DOWN ? 1 : 0;
            state.consecutiveSuccesses = result.outcome() == Outcome.UP ? 1 : 0;
            state.outcome = result.outcome();
            return Optional.of(result.outcome());
        }

        Outcome next = state.outcome;
        switch (result.outcome()) {
            case DOWN -> {
                state.consecutiveFailures++;
                state.consecutiveSuccesses = 0;
                if (state.consecutiveFailures >= config.failuresBeforeDown()) {
                    next = Outcome.DOWN;
                }
            }
            case WARNING -> {
                state.consecutiveFailures = 0;
                state.consecutiveSuccesses = 0;
                next = Outcome.WARNING;
            }
            case UP -> {
                state.consecutiveFailures = 0;
                state.consecutiveSuccesses++;
                if (state.outcome != Outcome.DOWN || state.consecutiveSuccesses >= config.successesBeforeUp()) {
                    next = Outcome.UP;
                }
            }
        }
        if (next == state.outcome) {
            return Optional.empty();
        }
        state.outcome = next;
        return Optional.of(next);
    }
}
