package org.vigie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;

/**
 * A worker stopped with SIGTERM while its probes are in flight, from its packaged jar as operators run it: it finishes
 * those probes, publishes their results and acknowledges their tasks, takes no new task, and exits 0 within its drain
 * timeout. Every task published ends with exactly one result or still in the queue; none is lost, none checked twice.
 */
class WorkerDrainIT {

    private static final int PREFETCH = 6;
    private static final int TASKS = 15;
    private static final Duration ANSWER_AFTER = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper json = new ObjectMapper();

    private static VigieProcesses vigie;
    private static HttpServer slowTarget;
    /** Requests the slow target received, by task: a task checked twice would show 2. */
    private static final Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();

    private static Connection connection;
    private static Channel channel;

    @BeforeAll
    static void start() throws Exception {
        slowTarget = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slowTarget.setExecutor(Executors.newCachedThreadPool());
        slowTarget.createContext("/slow", exchange -> {
            String task = exchange.getRequestURI().getQuery();
            probes.computeIfAbsent(task, t -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(ANSWER_AFTER.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        slowTarget.start();

        vigie = new VigieProcesses();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        connection = factory.newConnection("vigie-e2e-drain");
        channel = connection.createChannel();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (vigie != null) {
            vigie.close();
        }
        if (slowTarget != null) {
            slowTarget.stop(0);
        }
    }

    @Test
    void aStoppedWorkerFinishesItsChecksAndTakesNoNewTask() throws Exception {
        vigie.start(
                "drain-worker",
                "check-worker",
                VigieProcesses.freePort(),
                Map.of(
                        // the test publishes one task a message: a prefetch of PREFETCH messages
                        "vigie.rabbitmq.tasks-per-message",
                        "1",
                        "vigie.worker.max-in-flight",
                        Integer.toString(PREFETCH),
                        "vigie.worker.drain-timeout",
                        DRAIN_TIMEOUT.toSeconds() + "s",
                        "vigie.worker.heartbeat.interval",
                        "1s"));
        Process worker = vigie.process("drain-worker");

        String tasksExchange = vigie.brokerName("vigie.rabbitmq.tasks-exchange");
        String tasksQueue = vigie.brokerName("vigie.rabbitmq.tasks-queue");
        String resultsQueue = vigie.brokerName("vigie.rabbitmq.results-queue");
        String workersExchange = vigie.brokerName("vigie.rabbitmq.workers-exchange");

        // results and heartbeats as board-web would take them; the worker declares the results queue at its start
        await().atMost(Duration.ofSeconds(20)).until(() -> exists(resultsQueue));
        Map<String, Integer> results = new ConcurrentHashMap<>();
        channel.basicConsume(
                resultsQueue,
                true,
                (tag, delivery) -> {
                    // one result, or the results the worker finished together as a JSON array
                    JsonNode body = json.readTree(delivery.getBody());
                    for (JsonNode result : body.isArray() ? body : List.of(body)) {
                        results.merge(result.path("taskId").asText(), 1, Integer::sum);
                    }
                },
                tag -> {});
        List<JsonNode> heartbeats = new CopyOnWriteArrayList<>();
        String beats = channel.queueDeclare().getQueue();
        channel.queueBind(beats, workersExchange, "");
        channel.basicConsume(
                beats, true, (tag, delivery) -> heartbeats.add(json.readTree(delivery.getBody())), tag -> {});

        List<String> published = new ArrayList<>();
        channel.confirmSelect();
        for (int i = 0; i < TASKS; i++) {
            String taskId = UUID.randomUUID().toString();
            publishTask(
                    tasksExchange,
                    taskId,
                    "http://127.0.0.1:" + slowTarget.getAddress().getPort() + "/slow?" + taskId);
            published.add(taskId);
        }
        channel.waitForConfirmsOrDie(10_000);

        // the worker holds a prefetch of probes, each waiting on the slow target
        await().atMost(Duration.ofSeconds(20)).until(() -> probes.size() >= PREFETCH);
        assertThat(results).isEmpty();
        long stopAt = System.nanoTime();
        worker.destroy(); // SIGTERM

        assertThat(worker.waitFor(DRAIN_TIMEOUT.plusSeconds(10).toSeconds(), TimeUnit.SECONDS))
                .as("the worker exits within its drain timeout")
                .isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - stopAt);
        assertThat(worker.exitValue()).as("exit code after SIGTERM").isZero();
        assertThat(took).isLessThan(DRAIN_TIMEOUT);

        // every probe that started finished with one result; no task was checked twice; the rest wait in the queue
        await().atMost(Duration.ofSeconds(10)).until(() -> results.size() >= probes.size());
        assertThat(probes.keySet()).hasSizeGreaterThanOrEqualTo(PREFETCH).hasSizeLessThan(TASKS);
        assertThat(probes.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(probes.keySet());
        assertThat(results.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> channel.queueDeclarePassive(tasksQueue).getMessageCount() == TASKS - results.size());
        List<String> waiting = new ArrayList<>();
        GetResponse response;
        while ((response = channel.basicGet(tasksQueue, true)) != null) {
            waiting.add(json.readTree(response.getBody()).path("taskId").asText());
        }
        List<String> accounted = new ArrayList<>(results.keySet());
        accounted.addAll(waiting);
        assertThat(accounted)
                .as("each task has one result or waits in the queue")
                .containsExactlyInAnyOrderElementsOf(published);

        // it said it was draining
        assertThat(heartbeats)
                .anySatisfy(
                        beat -> assertThat(beat.path("draining").asBoolean()).isTrue());
    }

    private static boolean exists(String queue) {
        try (Channel probe = connection.createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (Exception e) {
            return false; // a failed passive declare closes its channel
        }
    }

    private static void publishTask(String exchange, String taskId, String target) throws Exception {
        Instant now = Instant.now();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskId", taskId);
        task.put("serviceId", 1);
        task.put("target", target);
        task.put("timeoutMillis", 10_000);
        task.put("issuedAt", now.toString());
        task.put("expiresAt", now.plusSeconds(300).toString());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .messageId(taskId)
                .expiration("300000")
                .build();
        channel.basicPublish(exchange, "check", true, properties, json.writeValueAsBytes(task));
    }
}
