package org.vigie.dispatch;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/** The test's own consumer of the test tasks queue: a plain AMQP client, nothing of the dispatcher's. */
public final class TaskQueue implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A received task: its JSON body, its message's properties, and how many tasks that message carried. */
    public record Received(JsonNode body, AMQP.BasicProperties properties, int inMessage) {

        public long serviceId() {
            return body.get("serviceId").asLong();
        }
    }

    private final Connection connection;
    private final Channel channel;
    private final String queue;

    public TaskQueue(String host, int port, String queue) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        this.connection = factory.newConnection("vigie-dispatcher tests");
        this.channel = connection.createChannel();
        this.queue = queue;
    }

    public Connection connection() {
        return connection;
    }

    public void purge() throws IOException {
        channel.queuePurge(queue);
    }

    /**
     * Takes exactly {@code count} tasks, alone or several to a message (waiting for them), then checks that no other
     * task is in the queue.
     */
    public List<Received> takeExactly(int count) throws IOException {
        List<Received> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    GetResponse r;
                    while (received.size() < count && (r = channel.basicGet(queue, true)) != null) {
                        received.addAll(tasksOf(r));
                    }
                    return received.size() >= count;
                });
        // the pass returned after the broker confirmed every task, so anything else would already be here
        GetResponse extra = channel.basicGet(queue, true);
        if (extra != null) {
            throw new AssertionError(
                    "one task more than " + count + ": " + new String(extra.getBody(), StandardCharsets.UTF_8));
        }
        return received;
    }

    /** A message's tasks: one task's object, or an array of several. */
    private static List<Received> tasksOf(GetResponse r) throws IOException {
        JsonNode body = JSON.readTree(new String(r.getBody(), StandardCharsets.UTF_8));
        if (!body.isArray()) {
            return List.of(new Received(body, r.getProps(), 1));
        }
        List<Received> tasks = new ArrayList<>();
        body.forEach(task -> tasks.add(new Received(task, r.getProps(), body.size())));
        return tasks;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
