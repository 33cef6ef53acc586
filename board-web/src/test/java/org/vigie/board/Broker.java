package org.vigie.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** The tests' own connection to the real broker: publishes as a worker would, inspects queues. */
public final class Broker implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public Broker() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setUsername("guest");
        factory.setPassword("guest");
        connection = factory.newConnection("vigie-board-test");
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    public void publish(String exchange, String routingKey, String contentType, String body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .deliveryMode(2)
                .build();
        channel.basicPublish(exchange, routingKey, true, props, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
    }

    /** Publishes all, then waits for the broker's confirms once: a backlog in a moment. */
    public void publishAll(String exchange, String routingKey, String contentType, List<String> bodies)
            throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .deliveryMode(2)
                .build();
        for (String body : bodies) {
            channel.basicPublish(exchange, routingKey, true, props, body.getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(30_000);
    }

    public long messageCount(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    public String get(String queue) throws IOException {
        var response = channel.basicGet(queue, true);
        return response == null ? null : new String(response.getBody(), StandardCharsets.UTF_8);
    }

    /** A message taken off a queue, with its headers (a dead letter's reason among them). */
    public record Received(String body, Map<String, String> headers) {}

    public Received take(String queue) throws IOException {
        var response = channel.basicGet(queue, true);
        if (response == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, Object> raw = response.getProps().getHeaders();
        if (raw != null) {
            raw.forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        return new Received(new String(response.getBody(), StandardCharsets.UTF_8), headers);
    }

    /** The channel itself, for what the methods here do not cover (declaring a test's own queue, say). */
    public Channel channel() {
        return channel;
    }

    public void purge(String queue) throws IOException {
        channel.queuePurge(queue);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
