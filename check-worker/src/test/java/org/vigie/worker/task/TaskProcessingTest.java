package org.vigie.worker.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vigie.messaging.DeadLetters;
import org.vigie.worker.BrokerTest;
import org.vigie.worker.TestBroker.DeadLetter;
import org.vigie.worker.TestBroker.Delivered;

import io.quarkus.test.junit.QuarkusTest;

/** The worker end to end, against the real broker: tasks in through the tasks exchange, results out of the results queue. */
@QuarkusTest
class TaskProcessingTest extends BrokerTest {

    @Test
    void anAnsweringServerIsUpAndItsTaskIsAcknowledged() throws Exception {
        String taskId = publish(41, targets.http("/ok"), 5000);

        Delivered result = broker.awaitResult(taskId);

        assertThat(result.body().path("taskId").asText()).isEqualTo(taskId);
        assertThat(result.body().path("serviceId").asLong()).isEqualTo(41);
        assertThat(result.body().path("outcome").asText()).isEqualTo("UP");
        assertThat(result.body().path("reason").asText()).isEqualTo("HTTP 200");
        assertThat(result.body().path("publicReason").asText()).isEqualTo("HTTP 200");
        assertThat(result.body().path("evidence").isEmpty()).isTrue();
        assertThat(result.body().path("workerId").asText()).isNotBlank();
        Instant startedAt = Instant.parse(result.body().path("startedAt").asText());
        Instant finishedAt = Instant.parse(result.body().path("finishedAt").asText());
        assertThat(finishedAt).isAfterOrEqualTo(startedAt);
        assertThat(result.body().path("latencyMillis").asLong()).isBetween(0L, 5000L);
        // persistent JSON, identified by its task; the task's expiration is not copied onto the result
        assertThat(result.properties().getContentType()).isEqualTo("application/json");
        assertThat(result.properties().getDeliveryMode()).isEqualTo(2);
        assertThat(result.properties().getMessageId()).isEqualTo(taskId);
        assertThat(result.properties().getExpiration()).isNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(broker.tasksQueue) == 0);
    }

    @Test
    void everyTaskIsAcknowledgedAfterItsResult() throws Exception {
        // The prefetch is 4 in tests: were tasks left unacknowledged, no more than 4 results would ever arrive.
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            taskIds.add(publish(100 + i, targets.http("/ok"), 5000));
        }

        for (String taskId : taskIds) {
            assertThat(broker.awaitResult(taskId).body().path("outcome").asText())
                    .isEqualTo("UP");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(broker.tasksQueue) == 0);
    }

    @Test
    void resultsFinishedTogetherShareAMessageAndEachTaskIsAcknowledged() throws Exception {
        int messagesBefore = broker.resultMessages();
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            taskIds.add(publish(200 + i, targets.http("/ok"), 5000));
        }

        for (String taskId : taskIds) {
            assertThat(broker.awaitResult(taskId).body().path("outcome").asText())
                    .isEqualTo("UP");
            assertThat(broker.resultCount(taskId)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(broker.tasksQueue) == 0);
        // the checks in flight (4 in tests) finish close together: their results travel in fewer messages
        assertThat(broker.resultMessages() - messagesBefore).isLessThan(taskIds.size());
    }

    @Test
    void anErrorStatusIsDown() throws Exception {
        String unavailable = publish(42, targets.http("/unavailable"), 5000);
        String moved = publish(43, targets.http("/moved"), 5000);
        String movedAnswers = publish(50, targets.http("/moved?redirects=0"), 5000);

        Delivered down = assertResult(unavailable, "DOWN", "HTTP 503");
        // a failing result carries its evidence; an UP one does not
        assertThat(down.body().path("evidence").path("status-line").asText())
                .isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(down.body().path("evidence").path("address").asText()).isEqualTo("127.0.0.1");
        // a redirect is followed to the 503 it points to, unless redirects=0 makes it the answer
        Delivered followed = assertResult(moved, "DOWN", "HTTP 503");
        assertThat(followed.body().path("evidence").path("url").asText()).endsWith("/unavailable");
        assertResult(movedAnswers, "UP", "HTTP 302");
    }

    @Test
    void anUntrustedCertificateIsDown() throws Exception {
        // certificates are verified: the self-signed one is refused before any HTTP is spoken
        Delivered result =
                assertResult(publish(53, targets.selfSignedHttps("/ok"), 5000), "DOWN", "TLS: self-signed certificate");
        assertThat(result.body().path("publicReason").asText()).isEqualTo("certificate invalid");
    }

    @Test
    void aClosedPortIsDownWithConnectionRefused() throws Exception {
        String http = publish(44, targets.closedHttp(), 5000);
        String tcp = publish(45, targets.closedTcp(), 5000);
        String open = publish(46, targets.openTcp(), 5000);

        assertResult(http, "DOWN", "connection refused");
        assertResult(tcp, "DOWN", "connection refused");
        assertResult(open, "UP", "connected");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndChecksRunAtOnce() throws Exception {
        List<String> taskIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taskIds.add(publish(200 + i, targets.silentHttp(), 1000));
        }

        List<Instant> starts = new ArrayList<>();
        for (String taskId : taskIds) {
            Delivered result = assertResult(taskId, "DOWN", "timed out after 1 s");
            assertThat(result.body().path("latencyMillis").asLong()).isBetween(900L, 3000L);
            starts.add(Instant.parse(result.body().path("startedAt").asText()));
        }
        // one at a time, the four checks would start a second apart
        Instant first = starts.stream().min(Instant::compareTo).orElseThrow();
        Instant last = starts.stream().max(Instant::compareTo).orElseThrow();
        assertThat(Duration.between(first, last)).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void anUnreadableTaskIsDeadLetteredWithItsReasonAndTheNextOneIsChecked() throws Exception {
        broker.drain(broker.tasksDeadLetterQueue);
        String marker = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String invalidJson = "{\"taskId\": \"" + marker + "\", not json";
        String missingFields = "{\"taskId\":\"" + marker + "\",\"serviceId\":7}";
        String longTaskId = task("x".repeat(65), "tcp://127.0.0.1:1", 5000, now);
        String longTarget = task(marker, "http://example.com/" + "a".repeat(2048), 5000, now);
        String longTimeout = task(marker, "tcp://127.0.0.1:1", 86_400_000, now);
        double malformedBefore = metric("vigie_worker_tasks_malformed_total");
        double deadBefore = metric("vigie_worker_tasks_dead_lettered_total{kind=\"malformed\"");

        for (String body : List.of(invalidJson, missingFields, longTaskId, longTarget, longTimeout)) {
            broker.publishRaw(body.getBytes(StandardCharsets.UTF_8), "60000");
        }
        String good = publish(47, targets.http("/ok"), 5000);

        assertResult(good, "UP", "HTTP 200");
        Map<String, DeadLetter> deadLetters = new HashMap<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            broker.drainDeadLetters(broker.tasksDeadLetterQueue).forEach(d -> deadLetters.put(d.body(), d));
            assertThat(deadLetters).containsKeys(invalidJson, missingFields, longTaskId, longTarget, longTimeout);
        });
        assertThat(deadLetters).hasSize(5);
        for (DeadLetter letter : deadLetters.values()) {
            assertThat(letter.header(DeadLetters.KIND_HEADER)).isEqualTo(DeadLetters.MALFORMED);
            assertThat(letter.header(DeadLetters.REASON_HEADER))
                    .startsWith("unreadable task: ")
                    .doesNotContain("\n");
            // the broker's own dead-lettering did not happen: the worker sent it, and acknowledged the task
            assertThat(letter.headers()).doesNotContainKey("x-death");
        }
        assertThat(deadLetters.get(missingFields).header(DeadLetters.REASON_HEADER))
                .contains("target is missing");
        assertThat(deadLetters.get(longTaskId).header(DeadLetters.REASON_HEADER))
                .contains("taskId is longer than 64 characters");
        assertThat(deadLetters.get(longTarget).header(DeadLetters.REASON_HEADER))
                .contains("target is longer than 2048 characters");
        assertThat(deadLetters.get(longTimeout).header(DeadLetters.REASON_HEADER))
                .contains("timeoutMillis must be at most 120000");
        assertThat(broker.result(marker)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(broker.tasksQueue) == 0);
        assertThat(metric("vigie_worker_tasks_malformed_total")).isGreaterThanOrEqualTo(malformedBefore + 5);
        assertThat(metric("vigie_worker_tasks_dead_lettered_total{kind=\"malformed\""))
                .isGreaterThanOrEqualTo(deadBefore + 5);
    }

    @Test
    void tasksSeveralToAMessageAreEachCheckedOrDeadLetteredAloneAndTheMessageAcknowledged() throws Exception {
        broker.drain(broker.tasksDeadLetterQueue);
        Instant now = Instant.now();
        List<String> good = new ArrayList<>();
        // six messages of five good tasks each: more messages than the prefetch (4), so all results arriving means
        // every message was acknowledged once its tasks were
        for (int m = 0; m < 6; m++) {
            StringBuilder array = new StringBuilder("[");
            for (int i = 0; i < 5; i++) {
                String id = UUID.randomUUID().toString();
                good.add(id);
                array.append(i == 0 ? "" : ",").append(task(id, targets.http("/ok"), 5000, now));
            }
            broker.publishRaw(array.append(']').toString().getBytes(StandardCharsets.UTF_8), "60000");
        }
        // and one with a good task, an unreadable one and one that expired on its way
        String fine = UUID.randomUUID().toString();
        String unreadable = "{\"taskId\":\"" + UUID.randomUUID() + "\",\"serviceId\":7}";
        String expired = UUID.randomUUID().toString();
        String expiredTask = "{\"taskId\":\"" + expired + "\",\"serviceId\":9,\"target\":\"" + targets.http("/ok")
                + "\",\"timeoutMillis\":5000,\"issuedAt\":\"" + now.minusSeconds(120) + "\",\"expiresAt\":\""
                + now.minusSeconds(60) + "\"}";
        broker.publishRaw(
                ("[" + task(fine, targets.http("/ok"), 5000, now) + "," + unreadable + "," + expiredTask + "]")
                        .getBytes(StandardCharsets.UTF_8),
                null);

        for (String taskId : good) {
            assertThat(broker.awaitResult(taskId).body().path("outcome").asText())
                    .isEqualTo("UP");
        }
        assertResult(fine, "UP", "HTTP 200");
        List<DeadLetter> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            deadLetters.addAll(broker.drainDeadLetters(broker.tasksDeadLetterQueue));
            assertThat(deadLetters).hasSize(2);
        });
        // each dead letter is its own task, alone, with its own reason
        assertThat(deadLetters)
                .anySatisfy(d -> {
                    assertThat(d.header(DeadLetters.KIND_HEADER)).isEqualTo(DeadLetters.MALFORMED);
                    assertThat(d.header(DeadLetters.REASON_HEADER)).contains("target is missing");
                    assertThat(d.body()).startsWith("{").contains("\"serviceId\":7");
                })
                .anySatisfy(d -> {
                    assertThat(d.header(DeadLetters.KIND_HEADER)).isEqualTo(DeadLetters.EXPIRED);
                    assertThat(d.body()).startsWith("{").contains(expired).doesNotContain(fine);
                });
        assertThat(broker.result(expired)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(broker.tasksQueue) == 0);
        // one result each, nothing checked twice
        for (String taskId : good) {
            assertThat(broker.resultCount(taskId)).isEqualTo(1);
        }
    }

    @Test
    void aBadConnectionStringIsDownSayingWhy() throws Exception {
        String unknownScheme = publish(48, "gopher://example.com/", 5000);
        String noPort = publish(49, "tcp://example.com", 5000);

        Delivered result = assertResult(unknownScheme, "DOWN", null);
        assertThat(result.body().path("reason").asText())
                .startsWith("bad connection string: unknown scheme \"gopher\"");
        assertThat(assertResult(noPort, "DOWN", null).body().path("reason").asText())
                .isEqualTo("bad connection string: tcp needs a port: tcp://host:port");
        // the parser's message quotes the connection string: not for the public
        assertThat(result.body().path("publicReason").asText()).isEqualTo("bad connection string");
    }

    @Test
    void anExpiredTaskIsDeadLetteredWithItsReasonAndWithoutAResult() throws Exception {
        broker.drain(broker.tasksDeadLetterQueue);
        double expiredBefore = metric("vigie_worker_tasks_expired_total");
        double deadBefore = metric("vigie_worker_tasks_dead_lettered_total{kind=\"expired\"");
        String expired = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // no broker expiration on this message, so that it reaches the worker already expired
        broker.publishTask(expired, 50, targets.http("/ok"), 5000, now.minusSeconds(120), now.minusSeconds(60), null);
        String fresh = publish(51, targets.http("/ok"), 5000);

        assertResult(fresh, "UP", "HTTP 200");
        List<DeadLetter> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            deadLetters.addAll(broker.drainDeadLetters(broker.tasksDeadLetterQueue));
            assertThat(deadLetters).anySatisfy(d -> assertThat(d.body()).contains(expired));
        });
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.header(DeadLetters.KIND_HEADER)).isEqualTo(DeadLetters.EXPIRED);
            assertThat(letter.header(DeadLetters.REASON_HEADER))
                    .startsWith("task " + expired + " of service 50 expired at " + now.minusSeconds(60))
                    .contains(", received at ");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(broker.tasksQueue) == 0);
        assertThat(broker.result(expired)).isEmpty();
        assertThat(metric("vigie_worker_tasks_expired_total")).isGreaterThanOrEqualTo(expiredBefore + 1);
        assertThat(metric("vigie_worker_tasks_dead_lettered_total{kind=\"expired\""))
                .isGreaterThanOrEqualTo(deadBefore + 1);
    }

    @Test
    void healthAndMetricsAreExposed() throws Exception {
        assertResult(publish(52, targets.http("/ok"), 5000), "UP", "HTTP 200");

        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'task-consumer' }.status", is("UP"))
                .body("checks.find { it.name == 'task-consumer' }.data.resultsPublishing", is(true))
                .body(
                        "checks.find { it.name == 'task-consumer' }.data.keySet()",
                        hasItem(startsWith("lastReceivedAt amq.ctag-")));
        given().when()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'task-consumer' }.status", is("UP"));
        String metrics = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics)
                .containsPattern("vigie_worker_checks_total\\{[^}]*outcome=\"UP\"[^}]*scheme=\"http\"[^}]*} [1-9]")
                .contains("vigie_worker_probe_duration_seconds_count{scheme=\"http\"");
    }

    private static String publish(long serviceId, String target, long timeoutMillis) throws Exception {
        String taskId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        broker.publishTask(taskId, serviceId, target, timeoutMillis, now, now.plusSeconds(60), "60000");
        return taskId;
    }

    /** A task's JSON as the dispatcher writes it, whatever its fields say. */
    private static String task(String taskId, String target, long timeoutMillis, Instant now) {
        return "{\"taskId\":\"" + taskId + "\",\"serviceId\":9,\"target\":\"" + target + "\",\"timeoutMillis\":"
                + timeoutMillis + ",\"issuedAt\":\"" + now + "\",\"expiresAt\":\"" + now.plusSeconds(60) + "\"}";
    }

    private static Delivered assertResult(String taskId, String outcome, String reason) {
        Delivered result = broker.awaitResult(taskId);
        assertThat(result.body().path("outcome").asText())
                .as("outcome of %s", result.body())
                .isEqualTo(outcome);
        if (reason != null) {
            assertThat(result.body().path("reason").asText())
                    .as("reason of %s", result.body())
                    .isEqualTo(reason);
        }
        return result;
    }

    /** A counter's value from /q/metrics, 0 while it has never been counted; {@code name{tag="x"} selects a tag. */
    private static double metric(String name) {
        String text = given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return text.lines()
                .filter(line -> line.startsWith(name + " ")
                        || line.startsWith(name + "{")
                        || name.contains("{") && line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
