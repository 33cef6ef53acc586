package org.vigie.board.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

/** Unit test of the rules that turn results into status changes. */
class TransitionsTest {

    private final Transitions transitions = new Transitions(new TransitionConfig() {
        @Override
        public int failuresBeforeDown() {
            return 2;
        }

        @Override
        public int successesBeforeUp() {
            return 1;
        }
    });

    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    private Optional<Outcome> apply(CheckState state, Outcome outcome, int second) {
        return transitions.apply(state, TestData.result(1, outcome, outcome.name(), t0.plusSeconds(second)));
    }

    @Test
    void oneFailureDoesNotTurnAServiceDownTwoDo() {
        CheckState state = Transitions.initialState(1);
        assertThat(apply(state, Outcome.UP, 0)).isEmpty();
        assertThat(apply(state, Outcome.DOWN, 1)).isEmpty();
        assertThat(apply(state, Outcome.UP, 2)).isEmpty();
        assertThat(apply(state, Outcome.DOWN, 3)).isEmpty();
        assertThat(apply(state, Outcome.DOWN, 4)).contains(Outcome.DOWN);
        assertThat(apply(state, Outcome.DOWN, 5)).isEmpty();
        assertThat(state.consecutiveFailures).isEqualTo(3);
        assertThat(apply(state, Outcome.UP, 6)).contains(Outcome.UP);
        assertThat(state.lastReason).isEqualTo("UP");
    }

    @Test
    void warningShowsAtOnceAndClearsOnSuccess() {
        CheckState state = Transitions.initialState(1);
        assertThat(apply(state, Outcome.WARNING, 0)).contains(Outcome.WARNING);
        assertThat(apply(state, Outcome.WARNING, 1)).isEmpty();
        assertThat(apply(state, Outcome.UP, 2)).contains(Outcome.UP);
    }

    @Test
    void anOlderResultIsNotApplied() {
        CheckState state = Transitions.initialState(1);
        apply(state, Outcome.DOWN, 10);
        assertThat(apply(state, Outcome.DOWN, 5)).isEmpty();
        assertThat(state.consecutiveFailures).isEqualTo(1);
        assertThat(state.lastCheckedAt).isEqualTo(t0.plusSeconds(10));
    }

    private CheckResult issued(Outcome outcome, int issuedSecond, Instant finishedAt) {
        Instant issuedAt = t0.plusSeconds(issuedSecond);
        return new CheckResult(
                "task-" + issuedSecond + "-" + finishedAt,
                1,
                outcome,
                10,
                outcome.name(),
                null,
                "w",
                finishedAt.minusMillis(10),
                finishedAt,
                issuedAt,
                Map.of());
    }

    @Test
    void resultsAreOrderedByTheDispatchersIssueTimeNotTheWorkersClock() {
        CheckState state = Transitions.initialState(1);
        // a worker an hour ahead finishes the task issued at 10 s; a correct one then finishes the one issued at 20 s
        assertThat(transitions.apply(state, issued(Outcome.DOWN, 10, t0.plusSeconds(3610))))
                .isEmpty();
        assertThat(transitions.apply(state, issued(Outcome.DOWN, 20, t0.plusSeconds(20))))
                .contains(Outcome.DOWN);
        assertThat(state.lastIssuedAt).isEqualTo(t0.plusSeconds(20));
        // and a late result of an earlier task is not applied, whatever its finish time
        assertThat(transitions.apply(state, issued(Outcome.UP, 15, t0.plusSeconds(7200))))
                .isEmpty();
        assertThat(state.outcome).isEqualTo(Outcome.DOWN);
    }

    @Test
    void theFirstResultAfterUnknownIsShownEvenWhenItSaysWhatWasShownBefore() {
        CheckState state = Transitions.initialState(1);
        assertThat(apply(state, Outcome.UP, 0)).isEmpty();
        state.unknownSince = t0.plusSeconds(300);
        assertThat(apply(state, Outcome.UP, 400)).contains(Outcome.UP);
        assertThat(state.unknownSince).isNull();
        assertThat(apply(state, Outcome.UP, 460)).isEmpty();
    }

    @Test
    void aDownRightAfterUnknownShowsDownAtOnceAndCountsAsTheFirstFailure() {
        CheckState state = Transitions.initialState(1);
        apply(state, Outcome.DOWN, 0); // one failure before the silence: not enough for Down
        state.unknownSince = t0.plusSeconds(300);
        assertThat(apply(state, Outcome.DOWN, 400)).contains(Outcome.DOWN);
        assertThat(state.consecutiveFailures).isEqualTo(1);
        assertThat(apply(state, Outcome.DOWN, 460)).isEmpty();
        assertThat(apply(state, Outcome.UP, 520)).contains(Outcome.UP);
    }

    @Test
    void aResultOlderThanTheLastOneAppliedDoesNotEndUnknown() {
        CheckState state = Transitions.initialState(1);
        apply(state, Outcome.UP, 100);
        state.unknownSince = t0.plusSeconds(400);
        assertThat(apply(state, Outcome.DOWN, 50)).isEmpty();
        assertThat(state.unknownSince).isEqualTo(t0.plusSeconds(400));
    }

    @Test
    void aServiceNeverCheckedThatTurnedUnknownTakesItsFirstResult() {
        CheckState state = new CheckState(); // as Staleness inserts it: no last check
        state.serviceId = 1L;
        state.outcome = Outcome.UP;
        state.unknownSince = t0;
        assertThat(apply(state, Outcome.WARNING, 10)).contains(Outcome.WARNING);
        assertThat(state.lastCheckedAt).isEqualTo(t0.plusSeconds(10));
    }
}
