package org.vigie.worker.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.worker.TestBroker;
import org.vigie.worker.TestTargets;
import org.vigie.worker.config.WorkerId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The worker's heartbeats, read off the real broker as board-web reads them: a queue of the test's own bound to the
 * workers exchange.
 */
@QuarkusTest
class HeartbeatTest {

    /** A heartbeat as it arrived: its JSON and its AMQP properties. */
    record Beat(JsonNode body, AMQP.BasicProperties properties) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Beat> beats = new CopyOnWriteArrayList<>();

    private static TestBroker broker;
    private static TestTargets targets;
    private static Connection connection;

    @Inject
    WorkerId workerId;

    @BeforeAll
    static void listen() throws Exception {
        broker = TestBroker.connect();
        targets = new TestTargets();
        String exchange = ConfigProvider.getConfig().getValue("vigie.rabbitmq.workers-exchange", String.class);
        connection = TestBroker.factory(ConfigProvider.getConfig()).newConnection("vigie worker heartbeat test");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "fanout", true);
        String queue = channel.queueDeclare().getQueue(); // server-named, exclusive, auto-delete
        channel.queueBind(queue, exchange, "");
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> beats.add(new Beat(JSON.readTree(delivery.getBody()), delivery.getProperties())),
                tag -> {});
    }

    @AfterAll
    static void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (targets != null) {
            targets.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aHeartbeatSaysWhoTheWorkerIsAndHowBusy() {
        Beat beat = awaitBeat(b -> true);

        JsonNode body = beat.body();
        assertThat(body.path("workerId").asText()).isEqualTo(workerId.value());
        assertThat(body.path("host").asText()).isNotBlank();
        assertThat(body.path("pools").toString()).isEqualTo("[\"default\"]");
        assertThat(body.path("version").asText()).isNotBlank();
        assertThat(body.path("capacity").asInt()).isEqualTo(4); // %test.vigie.worker.max-in-flight
        assertThat(body.path("draining").asBoolean()).isFalse();
        Instant startedAt = Instant.parse(body.path("startedAt").asText());
        Instant sentAt = Instant.parse(body.path("sentAt").asText());
        assertThat(sentAt).isAfterOrEqualTo(startedAt).isBefore(Instant.now().plusSeconds(1));
        // transient, JSON, and gone from the broker after three intervals (500 ms in tests)
        assertThat(beat.properties().getDeliveryMode()).isEqualTo(1);
        assertThat(beat.properties().getContentType()).isEqualTo("application/json");
        assertThat(beat.properties().getExpiration()).isEqualTo("1500");
    }

    @Test
    void checksInFlightDoneFailedAndTheWaitAreCounted() throws Exception {
        // a fresh task first: the worker's clock offset (its smallest delay seen) is then about zero
        String fresh = publish(targets.http("/ok"), Instant.now(), 5000);
        broker.awaitResult(fresh);
        JsonNode before = awaitBeat(b -> true).body();
        long doneBefore = before.path("checksDone").asLong();
        long failedBefore = before.path("checksFailed").asLong();
        int from = beats.size();

        String up = publish(targets.http("/ok"), Instant.now(), 5000);
        String down = publish(targets.http("/unavailable"), Instant.now(), 5000);
        // issued 30 s ago: it waited that long before its probe started
        String late = publish(targets.http("/ok"), Instant.now().minusSeconds(30), 5000);
        // never answered: in flight for its 3 s timeout
        String slow = publish(targets.silentHttp(), Instant.now(), 3000);

        assertThat(awaitBeat(from, b -> b.path("inFlight").asInt() >= 1)
                        .body()
                        .path("capacity")
                        .asInt())
                .isEqualTo(4);
        awaitBeat(from, b -> b.path("oldestWaitMillis").asLong() >= 30_000);
        for (String taskId : List.of(up, down, late, slow)) {
            broker.awaitResult(taskId);
        }
        JsonNode after = awaitBeat(b -> b.path("checksDone").asLong() >= doneBefore + 4
                        && b.path("inFlight").asInt() == 0)
                .body();
        // /unavailable and the silent server are DOWN
        assertThat(after.path("checksFailed").asLong()).isGreaterThanOrEqualTo(failedBefore + 2);
        assertThat(beats)
                .anySatisfy(b ->
                        assertThat(b.body().path("meanProbeMillis").asLong()).isGreaterThanOrEqualTo(2_000));
    }

    private static String publish(String target, Instant issuedAt, long timeoutMillis) throws Exception {
        String taskId = UUID.randomUUID().toString();
        broker.publishTask(
                taskId, 9, target, timeoutMillis, issuedAt, Instant.now().plusSeconds(60), "60000");
        return taskId;
    }

    /** The first heartbeat from now on that matches. */
    private static Beat awaitBeat(Predicate<JsonNode> matching) {
        return awaitBeat(beats.size(), matching);
    }

    /** The first heartbeat that matches among those from the {@code seen}-th on. */
    private static Beat awaitBeat(int seen, Predicate<JsonNode> matching) {
        try {
            return await("a heartbeat")
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> beats.subList(seen, beats.size()).stream()
                                    .filter(b -> matching.test(b.body()))
                                    .findFirst()
                                    .orElse(null),
                            b -> b != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "no such heartbeat among "
                            + beats.subList(seen, beats.size()).stream()
                                    .map(b -> b.body().toString())
                                    .toList(),
                    e);
        }
    }
}
