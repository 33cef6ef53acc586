package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The hand-over buffer follows the largest prefetch of the app's consuming channels. */
class ReconnectBufferTest {

    @Test
    void holdsEightOfTheLargestPrefetch() {
        var config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "mp.messaging.incoming.check-results.max-outstanding-messages", "1000",
                                "mp.messaging.incoming.other.max-outstanding-messages", "256",
                                "mp.messaging.outgoing.check-results.max-outstanding-messages", "9999"),
                        "test",
                        100))
                .build();
        assertThat(ReconnectBuffer.needed(config)).isEqualTo(8_000);
    }

    @Test
    void anAppWithoutConsumersNeedsNothing() {
        assertThat(ReconnectBuffer.needed(new SmallRyeConfigBuilder().build())).isZero();
    }
}
