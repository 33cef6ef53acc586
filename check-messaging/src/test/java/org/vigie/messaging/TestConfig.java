package org.vigie.messaging;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Config as a Quarkus app of Vigie sees it, without the app: this jar's META-INF/microprofile-config.properties (the
 * shared defaults), the environment and system properties (RABBITMQ_HOST, ...), the {@link BrokerNames} mapping, and
 * the tests' own names. Other modules test against the same broker at the same time: these names are check-messaging's alone.
 */
final class TestConfig {

    static final Map<String, String> TEST_NAMES = Map.of(
            "vigie.rabbitmq.tasks-exchange", "vigie-test-messaging.tasks",
            "vigie.rabbitmq.tasks-queue", "vigie-test-messaging.check-tasks",
            "vigie.rabbitmq.results-exchange", "vigie-test-messaging.results",
            "vigie.rabbitmq.results-queue", "vigie-test-messaging.check-results",
            "vigie.rabbitmq.dead-letter-exchange", "vigie-test-messaging.dlx",
            "vigie.rabbitmq.tasks-dead-letter-queue", "vigie-test-messaging.check-tasks.dlq",
            "vigie.rabbitmq.results-dead-letter-queue", "vigie-test-messaging.check-results.dlq");

    private TestConfig() {}

    /** With the tests' names. */
    static SmallRyeConfig withTestNames() {
        return with(TEST_NAMES);
    }

    /** With {@code properties} over everything else, the environment included. */
    static SmallRyeConfig with(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .addDefaultInterceptors()
                .withProfile("test") // the local broker's guest login
                .withMapping(BrokerNames.class)
                .withSources(new PropertiesConfigSource(properties, "check-messaging tests", 500))
                .build();
    }
}
