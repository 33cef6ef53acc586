package org.vigie.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.vertx.core.net.JksOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * One place builds the options of the apps' own broker connections from the connector's global settings; with
 * {@code rabbitmq-addresses}, those connections go through the first node of a cluster that answers (against the
 * local broker, behind a dead address).
 */
class BrokerConnectionTest {

    /** Nothing listens on port 1: a stopped node, refused at once. */
    private static final String DEAD = "127.0.0.1:1";

    private static Vertx vertx;
    /** The local broker the other tests use, as host:port. */
    private static String live;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
        BrokerConnection local = new BrokerConnection(TestConfig.with(Map.of()));
        live = local.host() + ":" + local.port();
    }

    @AfterAll
    static void closeVertx() {
        vertx.closeAndAwait();
    }

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

    @Test
    void withoutAddressesTheHostAndPort() {
        BrokerConnection connection =
                new BrokerConnection(TestConfig.with(Map.of("rabbitmq-host", "mq.example", "rabbitmq-port", "5671")));

        assertThat(connection.addresses()).containsExactly(new Address("mq.example", 5671));
        assertThat(connection.options("vigie test").getAddresses()).containsExactly(new Address("mq.example", 5671));
    }

    @Test
    void addressesReplaceHostAndPortInTheirOrder() {
        BrokerConnection connection = new BrokerConnection(TestConfig.with(Map.of(
                "rabbitmq-host", "mq.example",
                "rabbitmq-port", "5671",
                "rabbitmq-addresses", " mq-1.example:5701, mq-2.example:5702 ,mq-3.example")));

        List<Address> nodes = List.of(
                new Address("mq-1.example", 5701), new Address("mq-2.example", 5702), new Address("mq-3.example"));
        assertThat(connection.addresses()).isEqualTo(nodes);
        assertThat(connection.options("vigie test").getAddresses()).isEqualTo(nodes);
        assertThat(connection.address()).isEqualTo("mq-1.example:5701,mq-2.example:5702,mq-3.example");
    }

    @Test
    void aBadAddressListIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new BrokerConnection(
                        TestConfig.with(Map.of("rabbitmq-addresses", "mq-1.example:5701,mq-2.example:port"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rabbitmq-addresses")
                .hasMessageContaining("mq-2.example:port");
    }

    @Test
    void theAppsClientGoesThroughTheFirstNodeThatAnswers() {
        // host and port dead too: only the address list can lead to the broker
        BrokerConnection connection = new BrokerConnection(TestConfig.with(
                Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-port", "1", "rabbitmq-addresses", DEAD + "," + live)));
        RabbitMQClient client = RabbitMQClient.create(vertx, connection.options("vigie check-messaging addresses"));
        try {
            client.start().await().atMost(Duration.ofSeconds(20));

            assertThat(client.isConnected()).isTrue();
        } finally {
            client.stopAndAwait();
        }
    }

    @Test
    void theAddressListReplacesALiveHostAndPort() {
        BrokerConnection connection =
                new BrokerConnection(TestConfig.with(Map.of("rabbitmq-addresses", DEAD + "," + DEAD)));
        RabbitMQClient client = RabbitMQClient.create(vertx, connection.options("vigie check-messaging addresses"));

        assertThatThrownBy(() -> client.start().await().atMost(Duration.ofSeconds(20)))
                .hasMessageContaining("Connection refused");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void aPlainClientGoesThroughTheFirstNodeThatAnswers() throws Exception {
        // as the dispatcher's task connection does: ConnectionFactory.newConnection(addresses)
        BrokerConnection connection = new BrokerConnection(TestConfig.with(
                Map.of("rabbitmq-host", "127.0.0.1", "rabbitmq-port", "1", "rabbitmq-addresses", DEAD + "," + live)));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(connection.username());
        factory.setPassword(connection.password());
        factory.setVirtualHost(connection.virtualHost());
        factory.setAutomaticRecoveryEnabled(false);

        try (Connection amqp = factory.newConnection(connection.addresses(), "vigie check-messaging addresses")) {
            assertThat(amqp.isOpen()).isTrue();
            assertThat(amqp.getPort()).isEqualTo(Address.parseAddress(live).getPort());
        }
    }
}
