package org.vigie.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.dispatch.schedule.Slots;

import com.rabbitmq.client.AMQP;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/** Passes against the real schema (MariaDB) and the real broker, with the test's own exchange and queues. */
@QuarkusTest
class DispatcherTest extends DispatchTest {

    @Inject
    MeterRegistry registry;

    @Test
    void publishesOneTaskPerDueServiceAndMovesItsScheduleOntoItsSlot() throws Exception {
        Instant past = Instant.now().minusSeconds(10);
        LocalDateTime later = TestDatabase.utc(Instant.now().plusSeconds(3600)).withNano(0);
        long plain = TestDatabase.insertService("plain", "https://plain.example/health", 60, past);
        long withTimeout = TestDatabase.insertService("with-timeout", "http://timed.example/?timeout=3s", 120, past);
        long shortInterval = TestDatabase.insertService("short", "tcp://short.example:22?timeout=30s", 5, past);
        long notDue =
                TestDatabase.insertService("not-due", "https://later.example", 60, later.toInstant(ZoneOffset.UTC));
        TestDatabase.insertService("no-target", null, 60, past);

        Instant before = Instant.now();
        PassResult result = dispatcher.pass(false);

        assertThat(result.dispatched()).isEqualTo(3);
        assertThat(result.skippedCount()).isZero();
        assertThat(result.publishFailed()).isFalse();

        Map<Long, TaskQueue.Received> tasks =
                queue.takeExactly(3).stream().collect(Collectors.toMap(TaskQueue.Received::serviceId, r -> r));
        assertThat(tasks.keySet()).containsExactlyInAnyOrder(plain, withTimeout, shortInterval);

        assertTask(tasks.get(plain), plain, "https://plain.example/health", 10_000, 60);
        assertTask(tasks.get(withTimeout), withTimeout, "http://timed.example/?timeout=3s", 3_000, 120);
        // the connection string asks for 30 s, but a probe never outlives its 5 s interval
        assertTask(tasks.get(shortInterval), shortInterval, "tcp://short.example:22?timeout=30s", 5_000, 5);

        assertMovedOntoSlot(plain, 60, before);
        assertMovedOntoSlot(withTimeout, 120, before);
        assertMovedOntoSlot(shortInterval, 5, before);
        assertThat(TestDatabase.nextCheckAt(notDue)).isEqualTo(later);
        assertThat(TestDatabase.lastDispatchedAt(notDue)).isNull();
    }

    @Test
    void aServiceCheckedFromTwoPoolsGetsOneTaskInEachPoolsQueue() throws Exception {
        Instant past = Instant.now().minusSeconds(10);
        long both = TestDatabase.insertService("both", "https://both.example/health", 60, past);
        long euOnly = TestDatabase.insertService("eu-only", "tcp://eu.example:22", 60, past);
        TestDatabase.setPools(both, "default,eu-west");
        TestDatabase.setPools(euOnly, "eu-west");
        String euWestQueue = names.tasksQueue("eu-west");
        try (TaskQueue euWest = new TaskQueue(brokerHost, brokerPort, euWestQueue)) {
            // the dispatcher declares a pool's queue before its first task: purge only once it exists
            PassResult result = dispatcher.pass(false);

            assertThat(result.dispatched()).isEqualTo(3);
            List<TaskQueue.Received> fromDefault = queue.takeExactly(1);
            assertThat(fromDefault.get(0).serviceId()).isEqualTo(both);
            assertThat(fromDefault.get(0).body().path("pool").asText()).isEqualTo("default");
            List<TaskQueue.Received> fromEuWest = euWest.takeExactly(2);
            assertThat(fromEuWest).extracting(TaskQueue.Received::serviceId).containsExactlyInAnyOrder(both, euOnly);
            assertThat(fromEuWest)
                    .allSatisfy(task ->
                            assertThat(task.body().path("pool").asText()).isEqualTo("eu-west"));
            // one check of a service, two tasks: each pool's result is stored apart
            assertThat(fromEuWest.stream()
                            .filter(task -> task.serviceId() == both)
                            .findFirst()
                            .orElseThrow()
                            .body()
                            .path("taskId")
                            .asText())
                    .isNotEqualTo(fromDefault.get(0).body().path("taskId").asText());
        } finally {
            try (TaskQueue cleanup = new TaskQueue(brokerHost, brokerPort, euWestQueue)) {
                cleanup.connection().createChannel().queueDelete(euWestQueue);
            }
            preflight.markStale();
        }
    }

    @Test
    void skipsAndCountsABrokenConnectionStringAndDispatchesTheOthers() throws Exception {
        Instant past = Instant.now().minusSeconds(10);
        long first = TestDatabase.insertService("first", "https://first.example", 60, past);
        long broken = TestDatabase.insertService("broken", "gopher://files.example", 60, past);
        long last = TestDatabase.insertService("last", "tcp://last.example:5432", 60, past);
        double skippedBefore = skippedCounter();

        Instant before = Instant.now();
        PassResult result = dispatcher.pass(false);

        assertThat(result.dispatched()).isEqualTo(2);
        assertThat(result.skipped()).isEqualTo(Map.of(Dispatcher.BAD_TARGET, 1));
        assertThat(result.summary()).matches("dispatched 2 checks, 1 skipped \\(bad connection string\\) in \\d+ ms");
        assertThat(skippedCounter()).isEqualTo(skippedBefore + 1);
        assertThat(queue.takeExactly(2))
                .extracting(TaskQueue.Received::serviceId)
                .containsExactlyInAnyOrder(first, last);
        // the broken service's schedule moves on too: it does not come back every tick
        assertMovedOntoSlot(broken, 60, before);
    }

    @Test
    void twoConcurrentPassesSendEachServiceExactlyOnce() throws Exception {
        List<Long> ids = TestDatabase.insertDueServices("many", 300, 60);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<PassResult>> passes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                passes.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    // small batches so that the two passes interleave over many transactions
                    return dispatcher.pass(false, 10);
                }));
            }
            int dispatched = 0;
            for (Future<PassResult> pass : passes) {
                dispatched += pass.get(60, TimeUnit.SECONDS).dispatched();
            }
            assertThat(dispatched).isEqualTo(300);
        } finally {
            threads.shutdownNow();
        }
        List<Long> sent = queue.takeExactly(300).stream()
                .map(TaskQueue.Received::serviceId)
                .toList();
        assertThat(sent).doesNotHaveDuplicates();
        assertThat(Set.copyOf(sent)).isEqualTo(Set.copyOf(ids));
    }

    @Test
    void tasksTravelSeveralToAMessageExpiringWithTheEarliest() throws Exception {
        Instant past = Instant.now().minusSeconds(10);
        int perMessage = names.tasksPerMessage();
        int services = 2 * perMessage + 3;
        for (int i = 0; i < services; i++) {
            // one in three every 30 s, the others every 60 s: the 30 s ones expire first and travel first
            TestDatabase.insertService("svc-" + i, "https://s" + i + ".example/", i % 3 == 0 ? 30 : 60, past);
        }

        assertThat(dispatcher.pass(false).dispatched()).isEqualTo(services);

        List<TaskQueue.Received> tasks = queue.takeExactly(services);
        assertThat(tasks).extracting(TaskQueue.Received::inMessage).containsOnly(perMessage, 3);
        assertThat(tasks.stream().filter(t -> t.inMessage() == 3)).hasSize(3);
        Map<AMQP.BasicProperties, List<TaskQueue.Received>> byMessage = tasks.stream()
                .collect(Collectors.groupingBy(
                        TaskQueue.Received::properties, IdentityHashMap::new, Collectors.toList()));
        assertThat(byMessage).hasSize(3);
        byMessage.values().forEach(message -> {
            long earliest = message.stream()
                    .mapToLong(t -> Duration.between(
                                    Instant.parse(t.body().get("issuedAt").asText()),
                                    Instant.parse(t.body().get("expiresAt").asText()))
                            .toMillis())
                    .min()
                    .orElseThrow();
            assertThat(message.get(0).properties().getExpiration()).isEqualTo(Long.toString(earliest));
        });
        // the first message holds the 30 s services (12 of 35), and every message is one pool's
        assertThat(tasks.get(0).properties().getExpiration()).isEqualTo("30000");
        assertThat(tasks)
                .allSatisfy(t -> assertThat(t.body().path("pool").asText()).isEqualTo("default"));
    }

    @Test
    void allDispatchesServicesThatAreNotDue() throws Exception {
        Instant later = Instant.now().plusSeconds(3600);
        long a = TestDatabase.insertService("a", "https://a.example", 60, later);
        long b = TestDatabase.insertService("b", "https://b.example", 300, later);
        long c = TestDatabase.insertService("c", "tcp://c.example:25", 60, later);
        TestDatabase.insertService("no-target", null, 60, later);

        assertThat(dispatcher.pass(false).dispatched()).isZero();
        // a batch of 2 makes --all page by id
        PassResult result = dispatcher.pass(true, 2);

        assertThat(result.dispatched()).isEqualTo(3);
        assertThat(queue.takeExactly(3))
                .extracting(TaskQueue.Received::serviceId)
                .containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void isReadyWhenTheBrokerAndTheDatabaseAre() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItems("broker", "Database connections health check"));
    }

    private double skippedCounter() {
        return registry.counter("vigie.dispatch.tasks.skipped", "reason", Dispatcher.BAD_TARGET)
                .count();
    }

    private static void assertTask(
            TaskQueue.Received task, long serviceId, String target, long timeoutMillis, int intervalSeconds) {
        String taskId = task.body().get("taskId").asText();
        assertThat(taskId).matches("[0-9a-f-]{36}");
        assertThat(task.body().get("serviceId").asLong()).isEqualTo(serviceId);
        assertThat(task.body().get("target").asText()).isEqualTo(target);
        assertThat(task.body().get("timeoutMillis").asLong()).isEqualTo(timeoutMillis);
        Instant issuedAt = Instant.parse(task.body().get("issuedAt").asText());
        Instant expiresAt = Instant.parse(task.body().get("expiresAt").asText());
        assertThat(Duration.between(issuedAt, expiresAt)).isEqualTo(Duration.ofSeconds(intervalSeconds));
        assertThat(issuedAt).isBetween(Instant.now().minusSeconds(30), Instant.now());

        assertThat(task.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(task.properties().getContentType()).isEqualTo("application/json");
        if (task.inMessage() == 1) {
            assertThat(task.properties().getMessageId()).isEqualTo(taskId);
            assertThat(task.properties().getExpiration()).isEqualTo(Long.toString(intervalSeconds * 1000L));
        } else {
            // several tasks to a message: it expires with the earliest of them
            assertThat(task.properties().getMessageId()).isNull();
            assertThat(Long.parseLong(task.properties().getExpiration())).isLessThanOrEqualTo(intervalSeconds * 1000L);
        }
    }

    private static void assertMovedOntoSlot(long serviceId, int intervalSeconds, Instant before) throws Exception {
        Instant next = TestDatabase.nextCheckAt(serviceId).toInstant(ZoneOffset.UTC);
        long grace = Slots.grace(intervalSeconds);
        assertThat(next)
                .isAfterOrEqualTo(before.plusSeconds(intervalSeconds - grace))
                .isBefore(Instant.now().plusSeconds(2L * intervalSeconds - grace + 1));
        assertThat(Math.floorMod(next.getEpochSecond(), intervalSeconds))
                .isEqualTo(Slots.slot(serviceId, intervalSeconds));
        assertThat(TestDatabase.lastDispatchedAt(serviceId)).isNotNull();
    }
}
