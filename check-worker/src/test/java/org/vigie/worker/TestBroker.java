package org.vigie.worker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * The tests' own broker client (the plain AMQP client, not the worker's connector): publishes tasks the way the
 * dispatcher does and reads results the way board-web does, on the {@code %test} names.
 */
public final class TestBroker implements AutoCloseable {

    /** A result message as it arrived: its JSON and its AMQP properties. */
    public record Delivered(JsonNode body, AMQP.BasicProperties properties) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public final String tasksExchange;
    public final String tasksQueue;
    public final String tasksRoutingKey;
    public final String resultsQueue;
    public final String tasksDeadLetterQueue;
    public final String resultsDeadLetterQueue;

    private final Connection connection;
    private final Channel channel;
    private final Map<String, Delivered> results = new ConcurrentHashMap<>();
    private final Map<String, Integer> resultCounts = new ConcurrentHashMap<>();
    private final AtomicInteger resultMessages = new AtomicInteger();

    private TestBroker(Config config) throws IOException, TimeoutException {
        tasksExchange = config.getValue("vigie.rabbitmq.tasks-exchange", String.class);
        tasksQueue = config.getValue("vigie.rabbitmq.tasks-queue", String.class);
        tasksRoutingKey = config.getValue("vigie.rabbitmq.tasks-routing-key", String.class);
        resultsQueue = config.getValue("vigie.rabbitmq.results-queue", String.class);
        tasksDeadLetterQueue = config.getValue("vigie.rabbitmq.tasks-dead-letter-queue", String.class);
        resultsDeadLetterQueue = config.getValue("vigie.rabbitmq.results-dead-letter-queue", String.class);
        connection = factory(config).newConnection("vigie check-worker tests");
        channel = connection.createChannel();
    }

    public static ConnectionFactory factory(Config config) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        return factory;
    }

    /**
     * Connects once the worker consumes its tasks queue and the results queue exists: a task published before the
     * tasks queue is bound would be dropped as unroutable.
     */
    public static TestBroker connect() throws Exception {
        TestBroker broker = new TestBroker(ConfigProvider.getConfig());
        await("worker consuming " + broker.tasksQueue)
                .atMost(Duration.ofSeconds(30))
                .until(() -> broker.consumers(broker.tasksQueue) > 0);
        await("results queue declared")
                .atMost(Duration.ofSeconds(30))
                .until(() -> broker.consumers(broker.resultsQueue) >= 0);
        broker.channel.basicConsume(
                broker.resultsQueue,
                true,
                (tag, delivery) -> {
                    // results finished together come in one message, a JSON array
                    broker.resultMessages.incrementAndGet();
                    JsonNode body = JSON.readTree(delivery.getBody());
                    for (JsonNode result : body.isArray() ? body : List.of(body)) {
                        broker.results.put(
                                result.path("taskId").asText(), new Delivered(result, delivery.getProperties()));
                        broker.resultCounts.merge(result.path("taskId").asText(), 1, Integer::sum);
                    }
                },
                tag -> {});
        return broker;
    }

    /** Consumers of {@code queue}, or -1 while it does not exist (a failed passive declare closes its channel). */
    public int consumers(String queue) throws IOException {
        try (Channel probe = connection.createChannel()) {
            return probe.queueDeclarePassive(queue).getConsumerCount();
        } catch (IOException | TimeoutException e) {
            return -1;
        } catch (AlreadyClosedException e) {
            return -1;
        }
    }

    /** Messages ready in {@code queue} (not counting those delivered and not yet acknowledged). */
    public int ready(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    /** Publishes a task as the dispatcher does: persistent JSON, expiring when the task does. */
    public void publishTask(
            String taskId,
            long serviceId,
            String target,
            long timeoutMillis,
            Instant issuedAt,
            Instant expiresAt,
            String expiration)
            throws IOException {
        publishTask(taskId, serviceId, target, timeoutMillis, issuedAt, expiresAt, expiration, null, tasksRoutingKey);
    }

    /** Publishes a task of {@code pool} (left out of the JSON when null) with {@code routingKey}. */
    public void publishTask(
            String taskId,
            long serviceId,
            String target,
            long timeoutMillis,
            Instant issuedAt,
            Instant expiresAt,
            String expiration,
            String pool,
            String routingKey)
            throws IOException {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskId", taskId);
        task.put("serviceId", serviceId);
        task.put("target", target);
        task.put("timeoutMillis", timeoutMillis);
        task.put("issuedAt", issuedAt.toString());
        task.put("expiresAt", expiresAt.toString());
        if (pool != null) {
            task.put("pool", pool);
        }
        publishRaw(JSON.writeValueAsBytes(task), expiration, routingKey);
    }

    /** Publishes any body as an {@code application/json} task message. */
    public void publishRaw(byte[] body, String expiration) throws IOException {
        publishRaw(body, expiration, tasksRoutingKey);
    }

    private void publishRaw(byte[] body, String expiration, String routingKey) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .expiration(expiration)
                .build();
        channel.basicPublish(tasksExchange, routingKey, true, properties, body);
    }

    /** Messages that reached the results queue, each carrying one result or several. */
    public int resultMessages() {
        return resultMessages.get();
    }

    public Optional<Delivered> result(String taskId) {
        return Optional.ofNullable(results.get(taskId));
    }

    /** How many results of {@code taskId} arrived: more than one when its task was checked again. */
    public int resultCount(String taskId) {
        return resultCounts.getOrDefault(taskId, 0);
    }

    /** Waits for the result of {@code taskId}. */
    public Delivered awaitResult(String taskId) {
        return await("result of " + taskId)
                .atMost(Duration.ofSeconds(20))
                .until(() -> results.get(taskId), r -> r != null);
    }

    /** Takes every message now in {@code queue}, as text. */
    public List<String> drain(String queue) throws IOException {
        List<String> bodies = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** A dead letter as it waits in a DLQ: its body, and the headers saying why it is there. */
    public record DeadLetter(String body, Map<String, Object> headers) {

        public String header(String name) {
            Object value = headers == null ? null : headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** Takes every message now in {@code queue}, with its headers. */
    public List<DeadLetter> drainDeadLetters(String queue) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            letters.add(new DeadLetter(
                    new String(response.getBody(), StandardCharsets.UTF_8),
                    response.getProps().getHeaders()));
        }
        return letters;
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
