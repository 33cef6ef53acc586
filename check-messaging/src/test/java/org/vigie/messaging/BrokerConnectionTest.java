package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.JksOptions;
import io.vertx.rabbitmq.RabbitMQOptions;

/** One place builds the options of the apps' own broker connections from the connector's global settings. */
class BrokerConnectionTest {

    @Test
    void optionsAreForOneAttempt() {
        BrokerConnection connection = new BrokerConnection(TestConfig.with(Map.of()));
        RabbitMQOptions options = connection.options("vigie test");

        assertThat(options.getConnectionName()).isEqualTo("vigie test");
        // one attempt: the app decides when to try again
        assertThat(options.getReconnectAttempts()).isZero();
        assertThat(options.isAutomaticRecoveryEnabled()).isFalse();
    }

    @Test
    void readsTheConnectorsGlobalSettingsTlsIncluded() {
        BrokerConnection connection = new BrokerConnection(TestConfig.with(Map.of(
                "rabbitmq-host", "mq.example",
                "rabbitmq-port", "5671",
                "rabbitmq-username", "vigie",
                "rabbitmq-password", "secret",
                "rabbitmq-virtual-host", "/vigie",
                "rabbitmq-ssl", "true",
                "rabbitmq-trust-store-path", "/etc/vigie/broker-ca.jks",
                "rabbitmq-trust-store-password", "changeit")));
        RabbitMQOptions options = connection.options("vigie test");

        assertThat(connection.address()).isEqualTo("mq.example:5671");
        assertThat(options.getHost()).isEqualTo("mq.example");
        assertThat(options.getPort()).isEqualTo(5671);
        assertThat(options.getUser()).isEqualTo("vigie");
        assertThat(options.getPassword()).isEqualTo("secret");
        assertThat(options.getVirtualHost()).isEqualTo("/vigie");
        assertThat(options.isSsl()).isTrue();
        assertThat(options.isTrustAll()).isFalse();
        assertThat(options.getTrustStoreOptions()).isInstanceOfSatisfying(JksOptions.class, store -> {
            assertThat(store.getPath()).isEqualTo("/etc/vigie/broker-ca.jks");
            assertThat(store.getPassword()).isEqualTo("changeit");
        });
    }

    @Test
    void eachCallGivesOptionsOfItsOwn() {
        BrokerConnection connection = new BrokerConnection(TestConfig.with(Map.of()));

        connection.options("a").setConnectionTimeout(1);

        assertThat(connection.options("b").getConnectionTimeout()).isNotEqualTo(1);
    }
}
