package org.vigie.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigie.dispatch.broker.TaskPublisher;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A task the broker refuses (nack) puts its service back, and the next publish goes over a new channel: the broker may
 * go on refusing everything a channel sends (RabbitMQ 3.10, on a quorum queue whose leader's node went down: the
 * cluster drill). Here the tasks queue refuses because it is full: a length limit of 0 set by a policy, the queue's
 * overflow being reject-publish.
 */
@QuarkusTest
class RefusedPublishTest extends DispatchTest {

    private static final String POLICY = "vigie-test-dispatcher-full";

    @Inject
    TaskPublisher publisher;

    @AfterEach
    void noLimitLeft() throws Exception {
        try {
            rabbitmqctl("clear_policy", POLICY);
        } catch (AssertionError notSet) {
            // the test failed before setting it
        }
    }

    @Test
    void aRefusedTaskPutsItsServiceBackAndTheNextPublishOpensANewChannel() throws Exception {
        // one task in the queue, a limit of none: the queue refuses every new publisher
        try (Channel ch = queue.connection().createChannel()) {
            ch.basicPublish("", names.tasksQueue(), MessageProperties.PERSISTENT_BASIC, "{}".getBytes());
        }
        rabbitmqctl(
                "set_policy",
                "--apply-to",
                "queues",
                "--priority",
                "100",
                POLICY,
                "^" + Pattern.quote(names.tasksQueue()) + "$",
                "{\"max-length\":0}");
        awaitPolicy(true);
        List<Long> ids = TestDatabase.insertDueServices("refused", 3, 60);
        publisher.connect();

        PassResult refused = dispatcher.pass(false);

        assertThat(refused.publishProblem()).isEqualTo("the broker refused the task (nack)");
        assertThat(refused.putBack()).isEqualTo(3);
        assertThat(refused.dispatched()).isZero();
        assertThat(publisher.isOpen())
                .as("the channel the broker refused is not used again")
                .isFalse();

        rabbitmqctl("clear_policy", POLICY);
        awaitPolicy(false);
        queue.purge();
        PassResult next = dispatcher.pass(false);

        assertThat(next.publishFailed()).isFalse();
        assertThat(next.dispatched()).isEqualTo(3);
        assertThat(queue.takeExactly(3))
                .extracting(TaskQueue.Received::serviceId)
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    private void awaitPolicy(boolean applied) {
        await("policy " + POLICY + (applied ? " applied" : " cleared"))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> rabbitmqctl("list_queues", "-q", "--no-table-headers", "name", "policy")
                        .lines()
                        .anyMatch(line ->
                                line.startsWith(names.tasksQueue() + "\t") && line.contains(POLICY) == applied));
    }

    private static String rabbitmqctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
