package org.vigie.board.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vigie.board.pool.Quorum.PoolWord;
import org.vigie.board.pool.Quorum.Say;
import org.vigie.board.pool.Quorum.Verdict;

class QuorumTest {

    private static PoolWord up(String pool) {
        return new PoolWord(pool, Say.UP, "HTTP 200", "HTTP 200");
    }

    private static PoolWord down(String pool) {
        return new PoolWord(pool, Say.DOWN, "connection refused to 10.0.0.7", "connection refused");
    }

    private static PoolWord warning(String pool) {
        return new PoolWord(pool, Say.WARNING, "certificate expires in 3 days", "certificate expires in 3 days");
    }

    private static PoolWord silent(String pool) {
        return new PoolWord(pool, Say.UNKNOWN, "no worker in pool " + pool, "no result");
    }

    @Test
    void aMajorityByDefaultAndAnyPoolWithOne() {
        assertThat(Quorum.of(null, 1)).isEqualTo(1);
        assertThat(Quorum.of(null, 2)).isEqualTo(2);
        assertThat(Quorum.of(null, 3)).isEqualTo(2);
        assertThat(Quorum.of(null, 4)).isEqualTo(3);
        assertThat(Quorum.of(1, 3)).isEqualTo(1);
        assertThat(Quorum.of(9, 3)).isEqualTo(3); // clamped to the pools there are
    }

    @Test
    void downWhenAQuorumSaysDownAndTheMessageSaysWhichPoolsAgreed() {
        Verdict verdict = Quorum.decide(List.of(down("eu-west"), up("office-lan"), down("us-east")), null);

        assertThat(verdict.say()).isEqualTo(Say.DOWN);
        assertThat(verdict.message())
                .isEqualTo(
                        "down from eu-west and us-east: connection refused to 10.0.0.7; up from office-lan: HTTP 200");
        assertThat(verdict.publicMessage())
                .isEqualTo("down from eu-west and us-east: connection refused; up from office-lan: HTTP 200");
    }

    @Test
    void oneDownPoolOfThreeIsNotAnOutageUnlessAnyPoolIsEnough() {
        List<PoolWord> words = List.of(down("eu-west"), up("office-lan"), up("us-east"));

        assertThat(Quorum.decide(words, null).say()).isEqualTo(Say.UP);
        assertThat(Quorum.decide(words, null).message())
                .startsWith("up from office-lan and us-east")
                .endsWith("down from eu-west: connection refused to 10.0.0.7");
        assertThat(Quorum.decide(words, 1).say()).isEqualTo(Say.DOWN);
    }

    @Test
    void warningsCountWithDownsTowardsAWarning() {
        assertThat(Quorum.decide(List.of(down("a"), warning("b"), up("c")), null)
                        .say())
                .isEqualTo(Say.WARNING);
        assertThat(Quorum.decide(List.of(warning("a"), up("b"), up("c")), null).say())
                .isEqualTo(Say.UP);
    }

    @Test
    void silentPoolsThatCouldMakeAQuorumMakeItUnknown() {
        // one down, one silent: the silent pool might be down too, the board cannot rule it out
        assertThat(Quorum.decide(List.of(down("a"), silent("b"), up("c")), null).say())
                .isEqualTo(Say.UNKNOWN);
        // one silent pool of three, the two others up: still up
        assertThat(Quorum.decide(List.of(silent("a"), up("b"), up("c")), null).say())
                .isEqualTo(Say.UP);
        // every pool silent
        Verdict allSilent = Quorum.decide(List.of(silent("a"), silent("b")), null);
        assertThat(allSilent.say()).isEqualTo(Say.UNKNOWN);
        assertThat(allSilent.message()).isEqualTo("no result from a and b: no worker in pool a");
        assertThat(allSilent.publicMessage()).isEqualTo("no result from a and b");
        // with any pool enough, one silent pool is enough to be unsure
        assertThat(Quorum.decide(List.of(silent("a"), up("b")), 1).say()).isEqualTo(Say.UNKNOWN);
        assertThat(Quorum.decide(List.of(), null).say()).isEqualTo(Say.UNKNOWN);
    }
}
