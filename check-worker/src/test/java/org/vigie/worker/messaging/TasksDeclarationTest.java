package org.vigie.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Topology;
import org.vigie.worker.TestBroker;
import org.vigie.worker.TestBroker.Delivered;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;

/**
 * The dispatcher and the worker declare the tasks queue alike, in either order: the worker's channel (its settings
 * and the connector defaults shared in check-messaging) accepts the queue the dispatcher's code (check-messaging's
 * Topology) declared before the worker started, and the dispatcher's declaration is accepted again while the worker
 * consumes. RabbitMQ would refuse either with PRECONDITION_FAILED if an argument differed in value or type.
 */
@QuarkusTest
@TestProfile(TasksDeclarationTest.DispatcherFirst.class)
class TasksDeclarationTest {

    /** Tasks names of this test's own, declared as the dispatcher does before the worker starts. */
    public static class DispatcherFirst implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DeclareAsTheDispatcher.class));
        }
    }

    public static class DeclareAsTheDispatcher implements QuarkusTestResourceLifecycleManager {

        // the worker's %test dead-letter exchange stays: the results queue other worker tests declared refers to it
        static final Map<String, String> NAMES = Map.of(
                "vigie.rabbitmq.tasks-exchange", "vigie-test-worker-declared.tasks",
                "vigie.rabbitmq.tasks-queue", "vigie-test-worker-declared.check-tasks",
                "vigie.rabbitmq.tasks-dead-letter-queue", "vigie-test-worker-declared.check-tasks.dlq",
                "vigie.rabbitmq.dead-letter-exchange", "vigie-test-worker.dlx");

        @Override
        public Map<String, String> start() {
            // the app is not started yet: the shared defaults (check-messaging's jar, environment) and these names
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .addDefaultInterceptors()
                    .withProfile("test") // the local broker's guest login
                    .withMapping(BrokerNames.class)
                    .withSources(new PropertiesConfigSource(NAMES, "the dispatcher's names", 500))
                    .build();
            BrokerNames names = config.getConfigMapping(BrokerNames.class);
            Vertx vertx = Vertx.vertx();
            try {
                RabbitMQClient client = RabbitMQClient.create(
                        vertx, new BrokerConnection(config).options("vigie check-worker tests (as the dispatcher)"));
                client.start()
                        // a queue left by an earlier run would let the worker's declaration come first
                        .chain(() -> client.queueDelete(names.tasksQueue()))
                        .chain(() -> client.queueDelete(names.tasksDeadLetterQueue()))
                        .chain(() -> new Topology(names).declareTasks(client))
                        .eventually(() -> client.stop().onFailure().recoverWithNull())
                        .await()
                        .atMost(Duration.ofSeconds(20));
            } finally {
                vertx.closeAndAwait();
            }
            return NAMES;
        }

        @Override
        public void stop() {}
    }

    private static TestBroker broker;

    @Inject
    Vertx vertx;

    @Inject
    Topology topology;

    @Inject
    BrokerConnection connection;

    @BeforeAll
    static void connect() throws Exception {
        // waits for the worker's consumer on the tasks queue: its channel declared the queue without a complaint
        broker = TestBroker.connect();
    }

    @AfterAll
    static void close() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theWorkerConsumesTheTasksQueueTheDispatcherDeclared() throws Exception {
        assertThat(broker.tasksQueue).isEqualTo("vigie-test-worker-declared.check-tasks");
        String taskId = UUID.randomUUID().toString();
        Instant now = Instant.now();

        broker.publishTask(taskId, 61, "gopher://nowhere", 5000, now, now.plusSeconds(60), "60000");

        Delivered result = broker.awaitResult(taskId);
        assertThat(result.body().path("outcome").asText()).isEqualTo("DOWN");
    }

    @Test
    void theDispatcherDeclaresTheTasksQueueAgainWhileTheWorkerConsumes() throws Exception {
        RabbitMQClient client =
                RabbitMQClient.create(vertx, connection.options("vigie check-worker tests (as the dispatcher)"));

        assertThatCode(() -> client.start()
                        .chain(() -> topology.declareTasks(client))
                        .eventually(() -> client.stop().onFailure().recoverWithNull())
                        .await()
                        .atMost(Duration.ofSeconds(20)))
                .doesNotThrowAnyException();
        assertThat(broker.consumers(broker.tasksQueue)).isPositive();
    }
}
