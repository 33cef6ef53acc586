package org.vigie.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vigie.messaging.BrokerNames;
import org.vigie.worker.BrokerTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A worker started with two pools consumes both pools' queues, and only those; results say which pool checked. */
@QuarkusTest
@TestProfile(PoolsTest.TwoPools.class)
class PoolsTest extends BrokerTest {

    public static class TwoPools implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigie.worker.pools", "default, EU-west");
        }
    }

    @Test
    void eachServedPoolHasItsConsumerAndItsResultsSayTheirPool() throws Exception {
        String euWestQueue = BrokerNames.ofPool(broker.tasksQueue, "eu-west");
        await("worker consuming " + euWestQueue)
                .atMost(Duration.ofSeconds(20))
                .until(() -> broker.consumers(euWestQueue) > 0);
        assertThat(broker.consumers(broker.tasksQueue)).isPositive();

        String viaDefault = publish("default", broker.tasksRoutingKey);
        String viaEuWest = publish("eu-west", BrokerNames.ofPool(broker.tasksRoutingKey, "eu-west"));
        // a task of a pool whose queue exists but that this worker does not serve waits for another worker
        String usEastQueue = BrokerNames.ofPool(broker.tasksQueue, "us-east");
        broker.channel().queueDeclare(usEastQueue, true, false, false, Map.of("x-queue-type", "quorum"));
        broker.channel()
                .queueBind(usEastQueue, broker.tasksExchange, BrokerNames.ofPool(broker.tasksRoutingKey, "us-east"));
        try {
            String viaUsEast = publish("us-east", BrokerNames.ofPool(broker.tasksRoutingKey, "us-east"));

            assertThat(broker.awaitResult(viaDefault).body().path("pool").asText())
                    .isEqualTo("default");
            assertThat(broker.awaitResult(viaEuWest).body().path("pool").asText())
                    .isEqualTo("eu-west");
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(euWestQueue) == 0);
            assertThat(broker.ready(usEastQueue)).isEqualTo(1);
            assertThat(broker.consumers(usEastQueue)).isZero();
            assertThat(broker.result(viaUsEast)).isEmpty();

            // a task of eu-west that expired on its way is dead-lettered where eu-west's queue sends its own
            String expired = UUID.randomUUID().toString();
            Instant past = Instant.now().minusSeconds(120);
            broker.publishTask(
                    expired,
                    7,
                    targets.http("/ok"),
                    5000,
                    past,
                    past.plusSeconds(60),
                    "60000",
                    "eu-west",
                    BrokerNames.ofPool(broker.tasksRoutingKey, "eu-west"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> broker.drainDeadLetters(broker.tasksDeadLetterQueue).stream()
                            .anyMatch(d -> d.body().contains(expired)));
        } finally {
            broker.channel().queueDelete(usEastQueue);
        }
    }

    private static String publish(String pool, String routingKey) throws Exception {
        String taskId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        broker.publishTask(taskId, 7, targets.http("/ok"), 5000, now, now.plusSeconds(60), "60000", pool, routingKey);
        return taskId;
    }
}
