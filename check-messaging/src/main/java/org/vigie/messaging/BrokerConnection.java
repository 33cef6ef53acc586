package org.vigie.messaging;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import com.rabbitmq.client.Address;

import io.vertx.core.net.JksOptions;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Where the broker is and how to log in, read from the connector's global settings ({@code rabbitmq-host},
 * {@code -port}, {@code -addresses}, {@code -username}, {@code -password}, {@code -virtual-host}, {@code -ssl},
 * {@code -trust-all}, {@code -trust-store-path}, {@code -trust-store-password}), so an app's own connections (the
 * topology's, the dispatcher's tasks) go where its channels go, TLS included. Defaults are in this jar's
 * META-INF/microprofile-config.properties.
 * <p>
 * {@code rabbitmq-addresses} ({@code host:port,host:port}) names the nodes of a cluster and, when set, replaces
 * {@code rabbitmq-host} and {@code -port}, as it does for the channels: each connection, and each reconnection, tries
 * the nodes in the order given until one accepts, so a stopped node is skipped.
 */
@ApplicationScoped
public class BrokerConnection {

    private final String host;
    private final int port;
    private final List<Address> addresses;
    private final String username;
    private final String password;
    private final String virtualHost;
    private final boolean ssl;
    private final boolean trustAll;
    private final Optional<String> trustStorePath;
    private final Optional<String> trustStorePassword;

    public BrokerConnection(Config config) {
        this.host = config.getValue("rabbitmq-host", String.class);
        this.port = config.getValue("rabbitmq-port", Integer.class);
        this.addresses = config.getOptionalValue("rabbitmq-addresses", String.class)
                .filter(list -> !list.isBlank())
                .map(BrokerConnection::parse)
                .orElse(List.of(new Address(host, port)));
        this.username = config.getValue("rabbitmq-username", String.class);
        this.password = config.getValue("rabbitmq-password", String.class);
        this.virtualHost = config.getValue("rabbitmq-virtual-host", String.class);
        this.ssl = config.getValue("rabbitmq-ssl", Boolean.class);
        this.trustAll =
                config.getOptionalValue("rabbitmq-trust-all", Boolean.class).orElse(false);
        this.trustStorePath = config.getOptionalValue("rabbitmq-trust-store-path", String.class);
        this.trustStorePassword = config.getOptionalValue("rabbitmq-trust-store-password", String.class);
    }

    private static List<Address> parse(String list) {
        try {
            return List.of(Address.parseAddresses(list.strip()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "rabbitmq-addresses: expected host:port[,host:port...], got '" + list + "'", e);
        }
    }

    /** {@code host:port}, or the nodes of {@code rabbitmq-addresses} separated by commas, for messages. */
    public String address() {
        return addresses.stream().map(Address::toString).collect(Collectors.joining(","));
    }

    /** The nodes to try, in the order given: {@code rabbitmq-addresses}, else {@code rabbitmq-host:-port}. */
    public List<Address> addresses() {
        return addresses;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String virtualHost() {
        return virtualHost;
    }

    /**
     * Options for a short connection of the app's own, named for the broker's connection list: one attempt, no
     * recovery; the caller decides when to try again.
     */
    public RabbitMQOptions options(String connectionName) {
        RabbitMQOptions options = new RabbitMQOptions()
                .setHost(host)
                .setPort(port)
                .setAddresses(addresses)
                .setUser(username)
                .setPassword(password)
                .setVirtualHost(virtualHost)
                .setConnectionName(connectionName)
                .setReconnectAttempts(0)
                .setAutomaticRecoveryEnabled(false)
                .setAutomaticRecoveryOnInitialConnection(false)
                .setSsl(ssl)
                .setTrustAll(trustAll)
                // as the connector does by default (ssl.hostname-verification-algorithm=NONE)
                .setHostnameVerificationAlgorithm("");
        trustStorePath.ifPresent(path -> {
            JksOptions store = new JksOptions().setPath(path);
            trustStorePassword.ifPresent(store::setPassword);
            options.setTrustStoreOptions(store);
        });
        return options;
    }
}
