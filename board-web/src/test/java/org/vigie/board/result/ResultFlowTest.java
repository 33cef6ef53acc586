package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.Broker;
import org.vigie.board.Results;
import org.vigie.board.TestData;
import org.vigie.board.event.CheckState;
import org.vigie.board.event.EventSource;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;
import org.vigie.messaging.DeadLetters;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;

/** Results published to the real broker, consumed by board-web and stored in the real database. */
@QuarkusTest
class ResultFlowTest {

    @Inject
    TestData data;

    @Inject
    Results results;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "vigie.rabbitmq.results-dead-letter-queue")
    String deadLetters;

    @BeforeAll
    static void connect() throws Exception {
        Awaitility.pollInSameThread(); // conditions read through Panache, which needs the test's request context
    }

    @BeforeEach
    void clean() throws Exception {
        data.clear();
        results.broker().purge(deadLetters);
    }

    private void publish(CheckResult result) throws Exception {
        results.publish(result);
    }

    @Test
    void aPublishedResultIsStored() throws Exception {
        long id = data.service("api", "http://127.0.0.1:9/");
        CheckResult result = TestData.result(id, Outcome.UP, "HTTP 200", Instant.now());
        publish(result);

        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.countForTask(result.taskId()) == 1);
        StoredResult stored = StoredResult.find("taskId", result.taskId()).firstResult();
        assertThat(stored.serviceId).isEqualTo(id);
        assertThat(stored.outcome).isEqualTo(Outcome.UP);
        assertThat(stored.reason).isEqualTo("HTTP 200");
        assertThat(stored.latencyMillis).isEqualTo(12);
        assertThat(stored.workerId).isEqualTo("test-worker");
        CheckState state = CheckState.findById(id);
        assertThat(state.lastTaskId).isEqualTo(result.taskId());
    }

    @Test
    void aStoredResultIsTimedFromItsTaskIssuedToStored() throws Exception {
        long id = data.service("api", "http://127.0.0.1:9/");
        Timer freshness = registry.get("vigie.results.freshness").timer();
        Timer startDelay = registry.get("vigie.results.start.delay").timer();
        long before = freshness.count();
        double freshnessBefore = freshness.totalTime(TimeUnit.SECONDS);
        double startDelayBefore = startDelay.totalTime(TimeUnit.SECONDS);
        Instant issued = Instant.now().minusSeconds(3);
        CheckResult r = TestData.result(id, Outcome.UP, "HTTP 200", Instant.now());
        CheckResult late = new CheckResult(
                r.taskId(),
                id,
                r.outcome(),
                r.latencyMillis(),
                r.reason(),
                r.publicReason(),
                r.workerId(),
                r.startedAt(),
                r.finishedAt(),
                issued,
                r.evidence(),
                r.pool());
        publish(late);

        await().atMost(Duration.ofSeconds(20)).until(() -> freshness.count() == before + 1);
        // issued 3 s ago, probe started 12 ms before now: both lags about 3 s
        assertThat(freshness.totalTime(TimeUnit.SECONDS) - freshnessBefore).isBetween(3.0, 20.0);
        assertThat(startDelay.totalTime(TimeUnit.SECONDS) - startDelayBefore).isBetween(2.5, 3.5);
    }

    @Test
    void aRedeliveredResultIsStoredOnce() throws Exception {
        long id = data.service("db", "tcp://127.0.0.1:9");
        CheckResult down1 = TestData.result(
                id, Outcome.DOWN, "connection refused", Instant.now().minusSeconds(2));
        CheckResult down2 = TestData.result(
                id, Outcome.DOWN, "connection refused", Instant.now().minusSeconds(1));
        publish(down1);
        publish(down1);
        publish(down2);
        publish(down2);
        CheckResult marker = TestData.result(id, Outcome.DOWN, "connection refused", Instant.now());
        publish(marker);

        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.countForTask(marker.taskId()) == 1);
        assertThat(StoredResult.count("serviceId", id)).isEqualTo(3);
        // Two distinct failures turned it Down once; the duplicates did not count as failures.
        assertThat(data.eventsOf(id)).extracting(TestData.EventRow::statusSlug).containsExactly("down");
    }

    @Test
    void aStatusChangeWritesOneEventARepeatedStatusNone() throws Exception {
        long id = data.service("web", "http://127.0.0.1:9/");
        Instant t = Instant.now().minusSeconds(60);
        publish(TestData.result(id, Outcome.UP, "HTTP 200", t));
        publish(TestData.result(id, Outcome.DOWN, "HTTP 503", t.plusSeconds(1)));
        CheckResult secondFailure = TestData.result(id, Outcome.DOWN, "HTTP 503", t.plusSeconds(2));
        publish(secondFailure);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 1);
        TestData.EventRow down = data.eventsOf(id).get(0);
        assertThat(down.statusSlug()).isEqualTo("down");
        assertThat(down.message()).isEqualTo("HTTP 503");
        assertThat(down.source()).isEqualTo(EventSource.CHECK);
        // The event is dated when the failure was observed (MariaDB may keep whole seconds only).
        assertThat(down.at()).isCloseTo(secondFailure.finishedAt(), within(1, ChronoUnit.SECONDS));
        assertThat(data.currentStatus(id)).isEqualTo("down");

        CheckResult stillDown = TestData.result(id, Outcome.DOWN, "HTTP 503", t.plusSeconds(3));
        publish(stillDown);
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.countForTask(stillDown.taskId()) == 1);
        assertThat(data.eventsOf(id)).hasSize(1);

        publish(TestData.result(id, Outcome.UP, "HTTP 200", t.plusSeconds(4)));
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 2);
        assertThat(data.eventsOf(id)).extracting(TestData.EventRow::statusSlug).containsExactly("up", "down");
        assertThat(data.eventsOf(id).get(0).message()).isEqualTo("HTTP 200");
        assertThat(data.currentStatus(id)).isEqualTo("up");
    }

    @Test
    void aMalformedMessageIsDeadLetteredAndTheConsumerCarriesOn() throws Exception {
        long id = data.service("mail", "tcp://127.0.0.1:25");
        results.publishRaw("application/json", "{not json");
        results.publishRaw("application/json", "{\"taskId\":\"x\",\"serviceId\":" + id + "}");
        results.publishRaw("text/plain", "hello");
        CheckResult good = TestData.result(id, Outcome.UP, "connected", Instant.now());
        publish(good);

        await().atMost(Duration.ofSeconds(20)).until(() -> results.broker().messageCount(deadLetters) == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.countForTask(good.taskId()) == 1);
        assertThat(StoredResult.count("serviceId", id)).isEqualTo(1);
        Broker.Received first = results.broker().take(deadLetters);
        assertThat(first.body()).isEqualTo("{not json");
        assertThat(first.headers()).containsEntry(DeadLetters.KIND_HEADER, "malformed");
        assertThat(first.headers().get(DeadLetters.REASON_HEADER)).startsWith("not a check result:");
        assertThat(results.broker().take(deadLetters).headers().get(DeadLetters.REASON_HEADER))
                .contains("workerId is missing");
    }

    @Test
    void aResultTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchIsStored() throws Exception {
        long id = data.service("poison", "tcp://127.0.0.1:25");
        Instant now = Instant.now();
        // Stands for a value the columns refuse for good: the database raises a data error for this one result.
        refuseReason("poisoned");
        CheckResult before = TestData.result(id, Outcome.DOWN, "refused", now.minusMillis(300));
        CheckResult poison = TestData.result(id, Outcome.DOWN, "poisoned", now.minusMillis(200));
        CheckResult after = TestData.result(id, Outcome.DOWN, "refused", now.minusMillis(100));
        publish(before);
        publish(poison);
        publish(after);

        await().atMost(Duration.ofSeconds(20)).until(() -> results.broker().messageCount(deadLetters) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.count("serviceId", id) == 2);
        assertThat(StoredResult.countForTask(poison.taskId())).isZero();
        Broker.Received dead = results.broker().take(deadLetters);
        assertThat(dead.headers()).containsEntry(DeadLetters.KIND_HEADER, "unstorable");
        assertThat(dead.headers().get(DeadLetters.REASON_HEADER)).contains("Out of range value for column latency_ms");
        assertThat(json.readValue(dead.body(), CheckResult.class).taskId()).isEqualTo(poison.taskId());
    }

    @Test
    void resultsSentTogetherAreStoredOrDeadLetteredEach() throws Exception {
        long id = data.service("batched", "tcp://127.0.0.1:25");
        Instant now = Instant.now();
        refuseReason("poisoned");
        CheckResult first = TestData.result(id, Outcome.DOWN, "refused", now.minusMillis(400));
        CheckResult poison = TestData.result(id, Outcome.DOWN, "poisoned", now.minusMillis(300));
        CheckResult orphan = TestData.result(id + 1_000_000, Outcome.UP, "HTTP 200", now.minusMillis(200));
        CheckResult last = TestData.result(id, Outcome.DOWN, "refused", now.minusMillis(100));
        // one message, as a worker sends the results finished together
        results.publishRaw("application/json", json.writeValueAsString(List.of(first, poison, orphan, last)));
        results.publishRaw("application/json", "[]");

        await().atMost(Duration.ofSeconds(20)).until(() -> results.broker().messageCount(deadLetters) == 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.count("serviceId", id) == 2);
        assertThat(StoredResult.countForTask(first.taskId())).isEqualTo(1);
        assertThat(StoredResult.countForTask(last.taskId())).isEqualTo(1);
        // every result accounted for: two stored, the poison and the orphan dead-lettered each with its own body
        Map<String, String> kinds = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Broker.Received dead = results.broker().take(deadLetters);
            String kind = dead.headers().get(DeadLetters.KIND_HEADER);
            kinds.put(
                    kind,
                    kind.equals("malformed")
                            ? dead.body()
                            : json.readValue(dead.body(), CheckResult.class).taskId());
        }
        assertThat(kinds)
                .containsEntry("unstorable", poison.taskId())
                .containsEntry("unknown-service", orphan.taskId())
                .containsEntry("malformed", "[]");
    }

    @Test
    void aWorkerClockAnHourAheadDatesNothingInTheFuture() throws Exception {
        long id = data.service("skewed", "tcp://127.0.0.1:25");
        Instant issued = Instant.now();
        Instant ahead = issued.plus(Duration.ofHours(1));
        for (int i = 0; i < 2; i++) {
            publish(new CheckResult(
                    "skewed-" + i + "-" + issued.toEpochMilli(),
                    id,
                    Outcome.DOWN,
                    30,
                    "refused",
                    null,
                    "w",
                    ahead.minusMillis(30),
                    ahead.plusSeconds(i),
                    issued.minusSeconds(120 - 60 * i),
                    Map.of()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 1);
        Instant received = Instant.now();
        assertThat(data.eventsOf(id).get(0).at()).isBefore(received.plusSeconds(1));
        CheckState state = CheckState.findById(id);
        assertThat(state.lastCheckedAt).isBefore(received.plusSeconds(1));
        // A correct worker's result of a later task is applied: the skewed one did not freeze the state.
        CheckResult correct = TestData.result(id, Outcome.UP, "connected", Instant.now());
        publish(new CheckResult(
                correct.taskId(),
                id,
                Outcome.UP,
                12,
                "connected",
                null,
                "w",
                correct.startedAt(),
                correct.finishedAt(),
                Instant.now(),
                Map.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "up".equals(data.currentStatus(id)));
    }

    @Test
    void aResultForADeletedServiceIsDeadLetteredAndOthersAreStored() throws Exception {
        long id = data.service("kept", "tcp://127.0.0.1:25");
        publish(TestData.result(987_654_321L, Outcome.UP, "connected", Instant.now()));
        CheckResult kept = TestData.result(id, Outcome.UP, "connected", Instant.now());
        publish(kept);
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.countForTask(kept.taskId()) == 1);
        assertThat(StoredResult.count("serviceId", 987_654_321L)).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> results.broker().messageCount(deadLetters) == 1);
        Broker.Received dead = results.broker().take(deadLetters);
        assertThat(dead.headers())
                .containsEntry(DeadLetters.KIND_HEADER, "unknown-service")
                .containsEntry(DeadLetters.REASON_HEADER, "service 987654321 no longer exists");
    }

    /** A trigger refusing results with this reason as MariaDB refuses an out-of-range value (SQL state 22003). */
    @Transactional
    void refuseReason(String reason) {
        var em = StoredResult.getEntityManager();
        em.createNativeQuery("DROP TRIGGER IF EXISTS refuse_reason").executeUpdate();
        em.createNativeQuery("CREATE TRIGGER refuse_reason BEFORE INSERT ON check_results FOR EACH ROW "
                        + "IF NEW.reason = '" + reason + "' THEN SIGNAL SQLSTATE '22003' "
                        + "SET MESSAGE_TEXT = 'Out of range value for column latency_ms'; END IF")
                .executeUpdate();
    }

    @AfterEach
    @Transactional
    void dropTrigger() {
        StoredResult.getEntityManager()
                .createNativeQuery("DROP TRIGGER IF EXISTS refuse_reason")
                .executeUpdate();
    }
}
