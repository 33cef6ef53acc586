package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.check.CheckTask;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.DeadLetters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.junit.QuarkusTest;

/** Dead tasks on the real broker become missed checks the admin sees; the results queue's depth is read. */
@QuarkusTest
class BrokerWatchTest extends AdminTest {

    @Inject
    BrokerWatch watch;

    @Inject
    ResultIntake intake;

    @Inject
    BrokerNames names;

    @Inject
    ObjectMapper json;

    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        connection = factory.newConnection("vigie-board-test (dead tasks)");
        channel = connection.createChannel();
        // As the dispatcher and workers declare it; the test's own name, so nothing else reads it.
        channel.queueDeclare(names.tasksDeadLetterQueue(), true, false, false, null);
        channel.queuePurge(names.tasksDeadLetterQueue());
        channel.confirmSelect();
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    private void deadTask(byte[] body, String messageId, Map<String, Object> headers) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .headers(headers)
                .build();
        channel.basicPublish("", names.tasksDeadLetterQueue(), props, body);
        channel.waitForConfirmsOrDie(5_000);
    }

    @Test
    void deadTasksBecomeMissedChecksOnceAndTheAdminSeesThem() throws Exception {
        long id = data.service("api", "http://127.0.0.1:9/");
        Instant now = Instant.now();
        CheckTask expired =
                new CheckTask("expired-1", id, "http://127.0.0.1:9/", 1000, now.minusSeconds(20), now.minusSeconds(10));
        CheckTask inQueue =
                new CheckTask("expired-2", id, "http://127.0.0.1:9/", 1000, now.minusSeconds(20), now.minusSeconds(10));
        deadTask(
                json.writeValueAsBytes(expired),
                expired.taskId(),
                Map.of(
                        DeadLetters.KIND_HEADER,
                        "expired",
                        DeadLetters.REASON_HEADER,
                        "expired before a worker ran it"));
        // dead-lettered by the broker itself: its x-death says why
        deadTask(
                json.writeValueAsBytes(inQueue),
                inQueue.taskId(),
                Map.of("x-death", List.of(Map.of("reason", "expired", "queue", "vigie.check-tasks", "count", 1L))));
        deadTask(
                "{garbage".getBytes(StandardCharsets.UTF_8),
                "garbage-1",
                Map.of(DeadLetters.KIND_HEADER, "malformed", DeadLetters.REASON_HEADER, "not a check task"));

        watch.watch();

        assertThat(channel.messageCount(names.tasksDeadLetterQueue())).isZero();
        assertThat(missed())
                .containsEntry("expired-1", "expired/" + id + "/expired before a worker ran it")
                .containsEntry("expired-2", "expired/" + id + "/dead-lettered by the broker: expired")
                .containsEntry("garbage-1", "malformed/null/not a check task");

        // The same dead letter taken again (a crash before the ack) is recorded once.
        deadTask(json.writeValueAsBytes(expired), expired.taskId(), Map.of(DeadLetters.KIND_HEADER, "expired"));
        watch.watch();
        assertThat(missed()).hasSize(3);

        String page = AdminFixtures.login()
                .given()
                .get("/admin/services/api")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(Jsoup.parse(page).select("#missed li").eachText())
                .containsExactly("2 checks expired unanswered in the last hour");
    }

    @Test
    void aDeadMessageOfSeveralTasksIsAMissedCheckForEach() throws Exception {
        long id = data.service("api", "http://127.0.0.1:9/");
        Instant now = Instant.now();
        List<CheckTask> together = List.of(
                new CheckTask(
                        "together-1", id, "http://127.0.0.1:9/", 1000, now.minusSeconds(20), now.minusSeconds(10)),
                new CheckTask("together-2", id, "http://127.0.0.1:9/", 1000, now.minusSeconds(20), now.minusSeconds(9)),
                new CheckTask(
                        "together-3", id, "http://127.0.0.1:9/", 1000, now.minusSeconds(20), now.minusSeconds(8)));
        // the broker expired the whole message: every task in it is a check that never ran
        deadTask(
                json.writeValueAsBytes(together),
                null,
                Map.of("x-death", List.of(Map.of("reason", "expired", "queue", "vigie.check-tasks", "count", 1L))));

        watch.watch();

        assertThat(channel.messageCount(names.tasksDeadLetterQueue())).isZero();
        assertThat(missed())
                .hasSize(3)
                .containsEntry("together-1", "expired/" + id + "/dead-lettered by the broker: expired")
                .containsEntry("together-2", "expired/" + id + "/dead-lettered by the broker: expired")
                .containsEntry("together-3", "expired/" + id + "/dead-lettered by the broker: expired");
    }

    @Test
    void theResultsQueuesDepthReachesTheHealthChecks() {
        watch.watch();
        assertThat(intake.deadReason()).isNull();
        assertThat(intake.notStoringReason()).isNull();
    }

    @Transactional
    Map<String, String> missed() {
        Map<String, String> byTask = new TreeMap<>();
        MissedCheck.<MissedCheck>listAll()
                .forEach(m -> byTask.put(m.taskId, m.kind + "/" + m.serviceId + "/" + m.reason));
        return byTask;
    }
}
