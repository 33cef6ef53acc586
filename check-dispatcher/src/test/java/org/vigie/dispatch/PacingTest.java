package org.vigie.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A pass paces itself: when a served pool's queue already holds {@code max-queued} tasks the workers have not taken,
 * the due services stay due in the database instead of going stale as tasks; a queue nobody consumes holds no one back.
 */
@QuarkusTest
@TestProfile(PacingTest.OneTaskAMessage.class)
class PacingTest extends DispatchTest {

    /**
     * One task a message, so that the queue's depth counts tasks exactly. With several to a message the pass counts
     * every waiting message full and stops up to a message's worth early, never late.
     */
    public static class OneTaskAMessage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigie.rabbitmq.tasks-per-message", "1");
        }
    }

    private List<Long> dueServices(int count) throws Exception {
        Instant past = Instant.now().minusSeconds(30);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(TestDatabase.insertService("s" + i, "https://s" + i + ".example/health", 60, past));
        }
        return ids;
    }

    @Test
    void aBacklogTheWorkersHaveNotTakenStopsThePassAndTheRestStayDue() throws Exception {
        List<Long> services = dueServices(30);
        Set<Long> received = new HashSet<>();
        // a worker that takes one task and sits on it: the rest of the queue waits, ready
        Channel worker = queue.connection().createChannel();
        worker.basicQos(1);
        worker.basicConsume(names.tasksQueue(), false, new DefaultConsumer(worker));

        PassResult first = dispatcher.pass(false, 4, 10);
        assertThat(first.paced()).isTrue();
        assertThat(first.backlog()).isGreaterThanOrEqualTo(10);
        assertThat(first.dispatched()).isBetween(10, 14); // at most one batch past the limit
        assertThat(first.summary()).contains("paced: ");
        int stillDue = 0;
        for (long id : services) {
            stillDue += TestDatabase.lastDispatchedAt(id) == null ? 1 : 0;
        }
        assertThat(stillDue).as("services not sent stay due, untouched").isEqualTo(30 - first.dispatched());

        // the worker goes away; what it held returns to the queue, which is drained: the next passes send the rest
        worker.close();
        queue.takeExactly(first.dispatched()).forEach(t -> received.add(t.serviceId()));
        PassResult second = dispatcher.pass(false, 4, 10);
        assertThat(second.paced()).as("no consumer, no pacing").isFalse();
        assertThat(first.dispatched() + second.dispatched()).isEqualTo(30);
        queue.takeExactly(second.dispatched()).forEach(t -> received.add(t.serviceId()));
        assertThat(received).as("each service once").containsExactlyInAnyOrderElementsOf(services);
    }

    @Test
    void aQueueNobodyConsumesHoldsNoOneBack() throws Exception {
        dueServices(25);
        PassResult pass = dispatcher.pass(false, 4, 10);
        assertThat(pass.paced()).isFalse();
        assertThat(pass.dispatched()).isEqualTo(25);
        assertThat(queue.takeExactly(25)).hasSize(25);
    }

    @Test
    void zeroTurnsPacingOff() throws Exception {
        dueServices(12);
        Channel worker = queue.connection().createChannel();
        worker.basicQos(1);
        worker.basicConsume(names.tasksQueue(), false, new DefaultConsumer(worker));
        try {
            PassResult pass = dispatcher.pass(false, 4, 0);
            assertThat(pass.paced()).isFalse();
            assertThat(pass.dispatched()).isEqualTo(12);
        } finally {
            worker.close();
        }
        assertThat(queue.takeExactly(12)).hasSize(12);
    }
}
