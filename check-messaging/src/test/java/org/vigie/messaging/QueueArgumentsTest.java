package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;

/** The arguments, with the Java types SmallRye's incoming channel declares them with. */
class QueueArgumentsTest {

    private final SmallRyeConfig config = TestConfig.withTestNames();
    private final BrokerNames names = config.getConfigMapping(BrokerNames.class);

    @Test
    void tasksQueueHasTheWorkersChannelArgumentsAndTypes() {
        // the connector reads queue.x-delivery-limit and dead-letter-ttl as long; RabbitMQ 3.10 compares numbers
        // by value, but the same types leave nothing to the broker's leniency
        assertThat(QueueArguments.tasksQueue(names).getMap())
                .containsOnlyKeys(
                        "x-queue-type",
                        "x-delivery-limit",
                        "x-dead-letter-exchange",
                        "x-dead-letter-routing-key",
                        "x-dead-letter-strategy",
                        "x-overflow")
                .containsEntry("x-queue-type", "quorum")
                .containsEntry("x-dead-letter-strategy", "at-least-once")
                .containsEntry("x-overflow", "reject-publish")
                .containsEntry("x-delivery-limit", 5L)
                .containsEntry("x-dead-letter-exchange", "vigie-test-messaging.dlx")
                .containsEntry("x-dead-letter-routing-key", "vigie-test-messaging.check-tasks");
        assertThat(QueueArguments.tasksDeadLetterQueue(names).getMap()).isEqualTo(Map.of("x-message-ttl", 86_400_000L));
    }

    @Test
    void resultsQueueHasBoardWebsChannelArgumentsAndTypes() {
        assertThat(QueueArguments.resultsQueue(names).getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "x-dead-letter-exchange", "vigie-test-messaging.dlx",
                        "x-dead-letter-routing-key", "vigie-test-messaging.check-results",
                        "x-queue-type", "quorum",
                        "x-delivery-limit", 5L,
                        "x-dead-letter-strategy", "at-least-once",
                        "x-overflow", "reject-publish"));
        assertThat(QueueArguments.resultsQueue(names).getValue("x-delivery-limit"))
                .isInstanceOf(Long.class);
        assertThat(QueueArguments.resultsDeadLetterQueue(names).getMap()).isEmpty();
    }

    @Test
    void theChannelsSharedSettingsDeclareTheSame() {
        // META-INF/microprofile-config.properties: what every app's consuming channel declares its queue with
        String connector = "mp.messaging.connector.smallrye-rabbitmq.";
        Map<String, Object> tasks = QueueArguments.tasksQueue(names).getMap();
        assertThat(config.getValue(connector + "queue.x-queue-type", String.class))
                .isEqualTo(tasks.get("x-queue-type"));
        assertThat(config.getValue(connector + "queue.x-delivery-limit", Long.class))
                .isEqualTo(tasks.get("x-delivery-limit"));
        assertThat(config.getValue(connector + "dead-letter-exchange", String.class))
                .isEqualTo(tasks.get("x-dead-letter-exchange"));
        assertThat(config.getValue(connector + "auto-bind-dlq", Boolean.class)).isTrue();
        // the connector has no keys for these two: it adds the map of the bean the setting names
        assertThat(config.getValue(connector + "queue.arguments", String.class))
                .isEqualTo(QueueArguments.CHANNEL_EXTRAS);
        assertThat(new QueueArguments().channelExtras())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "x-dead-letter-strategy", tasks.get("x-dead-letter-strategy"),
                        "x-overflow", tasks.get("x-overflow")));
        assertThat(config.getValue(connector + "dlx.declare", Boolean.class)).isTrue();
        assertThat(config.getValue(connector + "exchange.type", String.class)).isEqualTo("direct");
        assertThat(config.getValue(connector + "exchange.durable", Boolean.class))
                .isTrue();
        assertThat(config.getValue(connector + "queue.durable", Boolean.class)).isTrue();
        // a TTL here would reach the results DLQ too, which is declared without one
        assertThat(config.getOptionalValue(connector + "dead-letter-ttl", Long.class))
                .isEmpty();
    }
}
