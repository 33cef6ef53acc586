package org.vigie.board.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.vigie.board.TestData;
import org.vigie.board.event.TransitionConfig;
import org.vigie.board.event.CheckState;
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
}
