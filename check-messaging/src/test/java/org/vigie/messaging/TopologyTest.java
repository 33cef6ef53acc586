package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;

/**
 * Against the real broker: the topology is declared as the consumers' channels declare it (the broker accepts their
 * declaration after ours, and compares arguments), messages are routed, dead letters reach their DLQ.
 */
class TopologyTest {

    private static Vertx vertx;
    private static BrokerNames names;
    private static BrokerConnection broker;
    private static Topology topology;
    private static Connection connection;

    @BeforeAll
    static void connect() throws Exception {
        SmallRyeConfig config = TestConfig.withTestNames();
        vertx = Vertx.vertx();
        names = config.getConfigMapping(BrokerNames.class);
        broker = new BrokerConnection(config);
        topology = new Topology(names);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        connection = factory.newConnection("vigie check-messaging tests");
    }

    @AfterAll
    static void close() throws IOException {
        connection.close();
        vertx.closeAndAwait();
    }

    @Test
    void declaresTheTasksQueueWithTheWorkersArgumentsAndTypes() throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(names.tasksQueue());
            channel.queueDelete(names.tasksDeadLetterQueue());
        }

        declare(topology::declareTasks);

        // RabbitMQ refuses a redeclaration whose arguments differ (PRECONDITION_FAILED): this is what the worker's
        // connector declares (its settings plus the QueueArguments bean's extras), so the worker can start after the
        // dispatcher declared the queues
        Map<String, Object> workerQueue = Map.of(
                "x-queue-type",
                "quorum",
                "x-delivery-limit",
                5L,
                "x-dead-letter-exchange",
                names.deadLetterExchange(),
                "x-dead-letter-routing-key",
                names.tasksQueue(),
                "x-dead-letter-strategy",
                "at-least-once",
                "x-overflow",
                "reject-publish");
        try (Channel channel = connection.createChannel()) {
            channel.queueDeclare(names.tasksQueue(), true, false, false, workerQueue);
            channel.queueDeclare(
                    names.tasksDeadLetterQueue(), true, false, false, Map.of("x-message-ttl", 86_400_000L));
            channel.exchangeDeclare(names.tasksExchange(), "direct", true, false, Map.of());
            channel.exchangeDeclare(names.deadLetterExchange(), "direct", true, false, Map.of());

            // Tasks published to the tasks exchange land in the tasks queue, dead tasks in the tasks DLQ.
            assertRouted(channel, names.tasksExchange(), names.tasksRoutingKey(), names.tasksQueue());
            assertRouted(channel, names.deadLetterExchange(), names.tasksQueue(), names.tasksDeadLetterQueue());
        }

        assertRefusesOtherArguments(names.tasksQueue(), workerQueue);
    }

    @Test
    void declaresTheResultsQueueWithBoardWebsArguments() throws Exception {
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(names.resultsQueue());
            channel.queueDelete(names.resultsDeadLetterQueue());
        }

        declare(topology::declareResults);

        try (Channel channel = connection.createChannel()) {
            // What board-web's connector declares (auto-bind-dlq, quorum, delivery limit): accepted as equal.
            channel.queueDeclare(names.resultsQueue(), true, false, false, boardWebArguments());
            channel.queueDeclare(names.resultsDeadLetterQueue(), true, false, false, Map.of());

            // Results published to the results exchange land in the results queue, dead results in the results DLQ.
            assertRouted(channel, names.resultsExchange(), names.resultsRoutingKey(), names.resultsQueue());
            assertRouted(channel, names.deadLetterExchange(), names.resultsQueue(), names.resultsDeadLetterQueue());
        }

        assertRefusesOtherArguments(names.resultsQueue(), boardWebArguments());
    }

    @Test
    void aTaskThatExpiresInTheQuorumQueueIsDeadLetteredIntoTheTasksDlq() throws Exception {
        declare(topology::declareTasks);
        try (Channel channel = connection.createChannel()) {
            // nobody consumes this module's tasks queue: the task can only leave it by expiring
            channel.queuePurge(names.tasksQueue());
            channel.queuePurge(names.tasksDeadLetterQueue());
            String body = "{\"taskId\":\"" + UUID.randomUUID() + "\"}";
            AMQP.BasicProperties expiring = MessageProperties.PERSISTENT_BASIC
                    .builder()
                    .contentType("application/json")
                    .expiration("200")
                    .build();
            channel.confirmSelect();
            channel.basicPublish(
                    names.tasksExchange(),
                    names.tasksRoutingKey(),
                    true,
                    expiring,
                    body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);

            GetResponse dead = await("expired task in " + names.tasksDeadLetterQueue())
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> channel.basicGet(names.tasksDeadLetterQueue(), true), response -> response != null);

            assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(body);
            assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo(names.tasksQueue());
            // RabbitMQ 3.10 quorum queues honour per-message TTL and dead-letter with reason "expired"
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> deaths =
                    (List<Map<String, Object>>) dead.getProps().getHeaders().get("x-death");
            assertThat(deaths).hasSize(1);
            assertThat(deaths.get(0).get("reason")).hasToString("expired");
            assertThat(deaths.get(0).get("queue")).hasToString(names.tasksQueue());
            assertThat(channel.basicGet(names.tasksDeadLetterQueue(), true)).isNull();
            assertThat(channel.queueDeclarePassive(names.tasksQueue()).getMessageCount())
                    .isZero();
        }
    }

    @Test
    void declaringAgainFromAnotherAppIsAccepted() {
        // the dispatcher and the worker declare the tasks side, the worker and board-web the results side, in any
        // order and on connections of their own
        declare(topology::declareTasks);
        declare(topology::declareResults);

        assertThatCode(() -> declare(topology::declareTasks)).doesNotThrowAnyException();
        assertThatCode(() -> declare(topology::declareResults)).doesNotThrowAnyException();
    }

    /** The arguments SmallRye's incoming channel puts on board-web's results queue, with their Java types. */
    private static Map<String, Object> boardWebArguments() {
        return Map.of(
                "x-dead-letter-exchange",
                names.deadLetterExchange(),
                "x-dead-letter-routing-key",
                names.resultsQueue(),
                "x-queue-type",
                "quorum",
                "x-delivery-limit",
                5L,
                "x-dead-letter-strategy",
                "at-least-once",
                "x-overflow",
                "reject-publish");
    }

    /** Declares on a connection of its own, as the apps do. */
    private static void declare(Function<RabbitMQClient, Uni<Void>> declaration) {
        RabbitMQClient client = RabbitMQClient.create(vertx, broker.options("vigie check-messaging tests (topology)"));
        client.start()
                .chain(() -> declaration.apply(client))
                .eventually(() -> client.stop().onFailure().recoverWithNull())
                .await()
                .atMost(Duration.ofSeconds(20));
    }

    private static void assertRouted(Channel channel, String exchange, String routingKey, String queue)
            throws IOException {
        String body = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
        channel.basicPublish(
                exchange, routingKey, true, MessageProperties.PERSISTENT_BASIC, body.getBytes(StandardCharsets.UTF_8));
        await(body + " in " + queue).atMost(Duration.ofSeconds(10)).until(() -> take(channel, queue, body));
    }

    /** The broker does compare arguments: a declaration that differs is refused (and closes its channel). */
    private static void assertRefusesOtherArguments(String queue, Map<String, Object> arguments) throws IOException {
        Channel refused = connection.createChannel();
        Map<String, Object> other = new HashMap<>(arguments);
        other.put("x-dead-letter-routing-key", "elsewhere");
        assertThatThrownBy(() -> refused.queueDeclare(queue, true, false, false, other))
                .isInstanceOf(IOException.class)
                .hasStackTraceContaining("PRECONDITION_FAILED");
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
