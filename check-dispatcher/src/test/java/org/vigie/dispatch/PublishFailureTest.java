package org.vigie.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.dispatch.broker.BrokerPreflight;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A task the broker never confirms puts its service back: due again at once, for the next pass. */
@QuarkusTest
@TestProfile(PublishFailureTest.UnroutableChannel.class)
class PublishFailureTest {

    /** The channel publishes to an exchange nobody declared: the broker closes the channel, nothing is confirmed. */
    public static class UnroutableChannel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mp.messaging.outgoing.check-tasks.exchange.name", "vigie-test-dispatcher.missing",
                    "mp.messaging.outgoing.check-tasks.exchange.declare", "false",
                    "vigie.dispatch.publish-timeout", "2s");
        }
    }

    @Inject
    Dispatcher dispatcher;

    @Inject
    BrokerPreflight preflight;

    @BeforeEach
    void emptyDatabase() throws Exception {
        TestDatabase.migrateOnce();
        TestDatabase.clear();
        preflight.declare();
    }

    @Test
    void anUnconfirmedTaskPutsItsServiceBack() throws Exception {
        Instant past = Instant.now().minusSeconds(30);
        long a = TestDatabase.insertService("a", "https://a.example", 60, past);
        long b = TestDatabase.insertService("b", "https://b.example", 60, past);

        Instant before = Instant.now();
        PassResult result = dispatcher.pass(false);
        Instant after = Instant.now();

        assertThat(result.publishFailed()).isTrue();
        assertThat(result.publishProblem()).isEqualTo("not confirmed within 2000 ms");
        assertThat(result.dispatched()).isZero();
        assertThat(result.putBack()).isEqualTo(2);
        for (long id : new long[] { a, b }) {
            // DATETIME(3) may lose the fraction: compare whole seconds
            Instant next = TestDatabase.nextCheckAt(id).toInstant(ZoneOffset.UTC);
            assertThat(next.getEpochSecond()).isBetween(before.getEpochSecond(), after.getEpochSecond());
        }
    }
}
