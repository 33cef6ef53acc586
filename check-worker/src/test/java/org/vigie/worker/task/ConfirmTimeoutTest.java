package org.vigie.worker.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.vigie.worker.BrokerTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A result whose confirm does not come within result-confirm-timeout sends its task back to the queue, so that a
 * confirm the client lost never holds a task (and a prefetch slot) for good. With a timeout shorter than any confirm,
 * every task comes back and is checked again: its result arrives more than once, and the worker counts it.
 */
@QuarkusTest
@TestProfile(ConfirmTimeoutTest.NoTimeToConfirm.class)
class ConfirmTimeoutTest extends BrokerTest {

    public static class NoTimeToConfirm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigie.worker.result-confirm-timeout", "0s"); // 1 ms: before any confirm
        }
    }

    @Test
    void anUnconfirmedResultSendsItsTaskBackToBeCheckedAgain() throws Exception {
        String taskId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        broker.publishTask(taskId, 77, targets.http("/ok"), 5000, now, now.plusSeconds(60), "60000");

        await().atMost(Duration.ofSeconds(20)).until(() -> broker.resultCount(taskId) >= 2);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("vigie_worker_results_unconfirmed_total\\S* [1-9]");
        // it ends: the queue's delivery limit dead-letters a task that keeps coming back
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.ready(broker.tasksQueue) == 0);
        broker.drainDeadLetters(broker.tasksDeadLetterQueue);
    }
}
