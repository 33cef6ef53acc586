package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The shared names and their defaults, as the apps' channel settings and their Topology see them. */
class BrokerNamesTest {

    @Test
    void defaultsAreTheDocumentedNames() {
        BrokerNames names = TestConfig.with(Map.of()).getConfigMapping(BrokerNames.class);

        assertThat(names.tasksExchange()).isEqualTo("vigie.tasks");
        assertThat(names.tasksQueue()).isEqualTo("vigie.check-tasks");
        assertThat(names.tasksRoutingKey()).isEqualTo("check");
        assertThat(names.resultsExchange()).isEqualTo("vigie.results");
        assertThat(names.resultsQueue()).isEqualTo("vigie.check-results");
        assertThat(names.resultsRoutingKey()).isEqualTo("result");
        assertThat(names.workersExchange()).isEqualTo("vigie.workers");
        assertThat(names.deadLetterExchange()).isEqualTo("vigie.dlx");
        assertThat(names.tasksDeadLetterQueue()).isEqualTo("vigie.check-tasks.dlq");
        assertThat(names.resultsDeadLetterQueue()).isEqualTo("vigie.check-results.dlq");
        assertThat(names.deliveryLimit()).isEqualTo(5);
        assertThat(names.tasksDeadLetterTtl()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void channelSettingsSeeTheDefaultsThroughExpressionsWithoutTheMapping() {
        // the apps' channels read ${vigie.rabbitmq.*} while their application.properties no longer set the defaults,
        // and an app may never inject BrokerNames (board-web)
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "mp.messaging.incoming.check-tasks.queue.name",
                                "${vigie.rabbitmq.tasks-queue}",
                                "mp.messaging.incoming.check-tasks.dead-letter-ttl",
                                "${vigie.rabbitmq.tasks-dead-letter-ttl}",
                                "mp.messaging.incoming.check-results.queue.x-delivery-limit",
                                "${vigie.rabbitmq.delivery-limit}"),
                        "an app's channels",
                        250))
                .build();

        assertThat(config.getValue("mp.messaging.incoming.check-tasks.queue.name", String.class))
                .isEqualTo("vigie.check-tasks");
        // the connector reads dead-letter-ttl as a long of milliseconds
        assertThat(config.getValue("mp.messaging.incoming.check-tasks.dead-letter-ttl", Long.class))
                .isEqualTo(86_400_000L);
        assertThat(config.getValue("mp.messaging.incoming.check-results.queue.x-delivery-limit", Long.class))
                .isEqualTo(5L);
        assertThat(config.getValue("mp.messaging.connector.smallrye-rabbitmq.queue.x-delivery-limit", Long.class))
                .isEqualTo(5L);
    }

    @Test
    void anAppsSettingsWin() {
        BrokerNames names = TestConfig.with(Map.of(
                        "vigie.rabbitmq.tasks-queue", "elsewhere.check-tasks",
                        "vigie.rabbitmq.tasks-dead-letter-ttl", "3600000"))
                .getConfigMapping(BrokerNames.class);

        assertThat(names.tasksQueue()).isEqualTo("elsewhere.check-tasks");
        assertThat(names.tasksExchange()).isEqualTo("vigie.tasks");
        assertThat(names.tasksDeadLetterTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDeadLetterTtlIsMillisecondsOnly() {
        // "1d" would suit the Duration but not the connector's dead-letter-ttl, which reads the same key
        assertThatThrownBy(() -> TestConfig.with(Map.of("vigie.rabbitmq.tasks-dead-letter-ttl", "1d")))
                .hasStackTraceContaining("expected a number of milliseconds, not '1d'");
    }

    @Test
    void theDefaultPoolKeepsTheTasksQueueAndOtherPoolsGetTheirOwn() {
        BrokerNames names = TestConfig.with(Map.of()).getConfigMapping(BrokerNames.class);
        assertThat(names.tasksQueue("default")).isEqualTo("vigie.check-tasks");
        assertThat(names.tasksRoutingKey("default")).isEqualTo("check");
        assertThat(names.tasksQueue("eu-west")).isEqualTo("vigie.check-tasks.eu-west");
        assertThat(names.tasksRoutingKey("eu-west")).isEqualTo("check.eu-west");
        assertThatThrownBy(() -> names.tasksQueue("eu.west")).isInstanceOf(IllegalArgumentException.class);
    }
}
