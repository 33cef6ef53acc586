package org.vigie.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.vigie.worker.TestBroker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import io.quarkus.test.junit.QuarkusTest;

/** The worker declares the results queue exactly as board-web's incoming channel does, and binds it. */
@QuarkusTest
class TopologyTest {

    @Inject
    Topology topology;

    @Inject
    RabbitNames names;

    @Test
    void declaresTheResultsQueueWithBoardWebsArguments() throws Exception {
        try (Connection connection = TestBroker.factory(ConfigProvider.getConfig()).newConnection("vigie topology test")) {
            try (Channel channel = connection.createChannel()) {
                channel.queueDelete(names.resultsQueue());
                channel.queueDelete(names.resultsDeadLetterQueue());
            }

            topology.declare().await().atMost(Duration.ofSeconds(20));

            try (Channel channel = connection.createChannel()) {
                // What board-web's connector declares (auto-bind-dlq, quorum, delivery limit): accepted as equal.
                channel.queueDeclare(names.resultsQueue(), true, false, false, boardWebArguments());
                channel.queueDeclare(names.resultsDeadLetterQueue(), true, false, false, Map.of());

                // Results published to the results exchange land in the results queue.
                String body = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
                channel.basicPublish(names.resultsExchange(), names.resultsRoutingKey(), true,
                        MessageProperties.PERSISTENT_BASIC, body.getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).until(() -> take(channel, names.resultsQueue(), body));

                // Dead results land in the results DLQ.
                String dead = "{\"dead\":\"" + UUID.randomUUID() + "\"}";
                channel.basicPublish(names.deadLetterExchange(), names.resultsQueue(), true,
                        MessageProperties.PERSISTENT_BASIC, dead.getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(10)).until(() -> take(channel, names.resultsDeadLetterQueue(), dead));
            }

            // The broker does compare arguments: a declaration that differs is refused (and closes its channel).
            Channel refused = connection.createChannel();
            Map<String, Object> other = new HashMap<>(boardWebArguments());
            other.put("x-dead-letter-routing-key", "elsewhere");
            assertThatThrownBy(() -> refused.queueDeclare(names.resultsQueue(), true, false, false, other))
                    .isInstanceOf(IOException.class)
                    .hasStackTraceContaining("PRECONDITION_FAILED");
        }
    }

    @Test
    void argumentsHaveTheConnectorsTypes() {
        assertThat(topology.resultsQueueArguments().getMap()).containsExactlyInAnyOrderEntriesOf(boardWebArguments());
        assertThat(topology.resultsQueueArguments().getValue("x-delivery-limit")).isInstanceOf(Long.class);
    }

    /** The arguments SmallRye's incoming channel puts on board-web's results queue, with their Java types. */
    private Map<String, Object> boardWebArguments() {
        return Map.of(
                "x-dead-letter-exchange", names.deadLetterExchange(),
                "x-dead-letter-routing-key", names.resultsQueue(),
                "x-queue-type", "quorum",
                "x-delivery-limit", 5L);
    }

    private static boolean take(Channel channel, String queue, String body) throws IOException {
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            if (new String(response.getBody(), StandardCharsets.UTF_8).equals(body)) {
                return true;
            }
        }
        return false;
    }
}
