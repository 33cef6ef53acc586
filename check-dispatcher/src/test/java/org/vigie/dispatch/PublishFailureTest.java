package org.vigie.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A task certainly not sent puts its service back: due again at once, for the next pass. Readiness says why. */
@QuarkusTest
@TestProfile(PublishFailureTest.UnreachableBroker.class)
class PublishFailureTest {

    /** Nothing listens on port 1: the publisher cannot connect, so no task can have reached the broker. */
    public static class UnreachableBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rabbitmq-host", "localhost", "rabbitmq-port", "1", "vigie.dispatch.publish-timeout", "2s");
        }
    }

    @Inject
    Dispatcher dispatcher;

    @BeforeEach
    void emptyDatabase() throws Exception {
        TestDatabase.migrateOnce();
        TestDatabase.clear();
    }

    @Test
    void aTaskThatCouldNotBeSentPutsItsServiceBack() throws Exception {
        Instant past = Instant.now().minusSeconds(30);
        long a = TestDatabase.insertService("a", "https://a.example", 60, past);
        long b = TestDatabase.insertService("b", "https://b.example", 60, past);

        Instant before = Instant.now();
        PassResult result = dispatcher.pass(false);
        Instant after = Instant.now();

        assertThat(result.publishFailed()).isTrue();
        assertThat(result.publishProblem()).isEqualTo("cannot reach the broker at localhost:1: Connection refused");
        assertThat(result.dispatched()).isZero();
        assertThat(result.putBack()).isEqualTo(2);
        assertThat(result.unconfirmed()).isZero();
        for (long id : new long[] {a, b}) {
            // DATETIME(3) may lose the fraction: compare whole seconds
            Instant next = TestDatabase.nextCheckAt(id).toInstant(ZoneOffset.UTC);
            assertThat(next.getEpochSecond()).isBetween(before.getEpochSecond(), after.getEpochSecond());
        }
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'broker' }.status", is("DOWN"))
                .body("checks.find { it.name == 'broker' }.data.problem", startsWith("cannot reach the broker"));
    }
}
