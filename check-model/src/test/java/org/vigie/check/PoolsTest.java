package org.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PoolsTest {

    @Test
    void aListIsTrimmedLowerCasedAndDeduplicatedInOrder() {
        assertThat(Pools.parseList(" EU-west, default,eu-west ,, office_lan"))
                .containsExactly("eu-west", "default", "office_lan");
        assertThat(Pools.parseList("")).containsExactly(Pools.DEFAULT);
        assertThat(Pools.parseList(null)).containsExactly(Pools.DEFAULT);
        assertThat(Pools.parseList(" , ")).containsExactly(Pools.DEFAULT);
    }

    @Test
    void aBadNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> Pools.parseList("eu-west, eu west"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'eu west'");
        assertThatThrownBy(() -> Pools.parseList("-x")).hasMessageContaining("'-x'");
        assertThatThrownBy(() -> Pools.parseList("a.b")).hasMessageContaining("'a.b'");
        // its queue would be the tasks' dead-letter queue
        assertThatThrownBy(() -> Pools.parseList("dlq")).hasMessageContaining("'dlq'");
        assertThatThrownBy(() -> Pools.parseList("x".repeat(Pools.MAX_NAME_LENGTH + 1)))
                .hasMessageContaining("at most " + Pools.MAX_NAME_LENGTH);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= Pools.MAX_POOLS; i++) {
            many.append("p").append(i).append(',');
        }
        assertThatThrownBy(() -> Pools.parseList(many.toString())).hasMessageContaining("at most " + Pools.MAX_POOLS);
    }

    @Test
    void tasksAndResultsWithoutAPoolBelongToTheDefaultOneAndCarryTheirs() {
        Instant now = Instant.now();
        CheckTask old = new CheckTask("t1", 1, "tcp://db:5432", 1000, now, now.plusSeconds(10));
        assertThat(old.pool()).isEqualTo(Pools.DEFAULT);
        CheckTask euWest =
                CheckTask.issue(1, "tcp://db:5432", Duration.ofSeconds(1), now, Duration.ofSeconds(10), "eu-west");
        CheckResult result = CheckResult.of(euWest, Outcome.UP, "connected", "w1", now, now.plusMillis(5));
        assertThat(result.pool()).isEqualTo("eu-west");
        assertThatThrownBy(() -> new CheckTask("t2", 1, "tcp://db:5432", 1000, now, now.plusSeconds(10), "EU WEST"))
                .hasMessageContaining("not a pool name");
    }
}
