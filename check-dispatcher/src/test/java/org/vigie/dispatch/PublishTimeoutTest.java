package org.vigie.dispatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.dispatch.broker.BrokerPreflight;
import org.vigie.dispatch.broker.TaskPublisher;
import org.vigie.messaging.BrokerNames;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A task the broker took but confirmed too late is not put back: its service is checked once in the interval, not
 * twice. The dispatcher reaches the broker through a proxy that holds the broker's replies during the pass.
 */
@QuarkusTest
@TestProfile(PublishTimeoutTest.ThroughAProxy.class)
class PublishTimeoutTest {

    static final String BROKER_HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "localhost");
    static final int BROKER_PORT = 5672;

    public static class ThroughAProxy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigie.dispatch.publish-timeout", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Proxy.class));
        }
    }

    public static class Proxy implements QuarkusTestResourceLifecycleManager {

        static PausingProxy proxy;

        @Override
        public Map<String, String> start() {
            try {
                proxy = new PausingProxy(BROKER_HOST, BROKER_PORT);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-port", Integer.toString(proxy.port()));
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (IOException ignored) {
                // the test is over
            }
        }
    }

    @Inject
    Dispatcher dispatcher;

    @Inject
    BrokerPreflight preflight;

    @Inject
    TaskPublisher publisher;

    @Inject
    BrokerNames names;

    @Inject
    MeterRegistry registry;

    @Inject
    Scheduler scheduler;

    TaskQueue queue;

    @BeforeEach
    void connectedWithAnEmptyQueue() throws Exception {
        TestDatabase.migrateOnce();
        TestDatabase.clear();
        preflight.declare();
        publisher.connect();
        // the test reads the queue directly, not through the proxy
        queue = new TaskQueue(BROKER_HOST, BROKER_PORT, names.tasksQueue());
        queue.purge();
    }

    @AfterEach
    void release() throws IOException {
        Proxy.proxy.release();
        queue.close();
    }

    @Test
    void aTaskConfirmedTooLateIsNotPutBackAndItsServiceGetsOneTask() throws Exception {
        List<Long> ids = TestDatabase.insertDueServices("late", 3, 60);
        double unconfirmedBefore =
                registry.counter("vigie.dispatch.tasks.unconfirmed").count();
        double putBackBefore = registry.counter("vigie.dispatch.tasks.put-back").count();

        Proxy.proxy.holdBrokerReplies();
        PassResult first = dispatcher.pass(false);
        Proxy.proxy.release();

        assertThat(first.publishFailed()).isTrue();
        assertThat(first.publishProblem()).isEqualTo("not confirmed within 2000 ms");
        assertThat(first.dispatched()).isZero();
        assertThat(first.unconfirmed()).isEqualTo(3);
        assertThat(first.putBack()).isZero();
        // the broker had the tasks all along: one per service, no other
        assertThat(queue.takeExactly(3))
                .extracting(TaskQueue.Received::serviceId)
                .containsExactlyInAnyOrderElementsOf(ids);
        for (long id : ids) {
            assertThat(TestDatabase.nextCheckAt(id).toInstant(ZoneOffset.UTC)).isAfter(Instant.now());
        }

        // nothing was put back: the next pass finds nothing due and sends nothing
        PassResult second = dispatcher.pass(false);
        assertThat(second.dispatched()).isZero();
        assertThat(second.publishFailed()).isFalse();
        assertThat(queue.takeExactly(0)).isEmpty();
        assertThat(registry.counter("vigie.dispatch.tasks.unconfirmed").count()).isEqualTo(unconfirmedBefore + 3);
        assertThat(registry.counter("vigie.dispatch.tasks.put-back").count()).isEqualTo(putBackBefore);
    }

    @Test
    void afterItsConnectionIsLostTheSchedulerPublishesAgainByItself() throws Exception {
        Proxy.proxy.cutConnections();
        await("the publisher sees its connection gone")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !publisher.isOpen());
        long id = TestDatabase.insertService(
                "after-cut", "https://after.example", 60, Instant.now().minusSeconds(5));

        // each tick makes one attempt; nothing else reconnects the publisher
        await("a tick dispatching again").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            scheduler.tick();
            assertThat(TestDatabase.lastDispatchedAt(id)).isNotNull();
        });

        assertThat(queue.takeExactly(1))
                .extracting(TaskQueue.Received::serviceId)
                .containsExactly(id);
        assertThat(publisher.problem()).isNull();
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'broker' }.status", is("UP"));
    }
}
