package org.vigie.messaging;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;

import io.vertx.core.net.JksOptions;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Where the broker is and how to log in, read from the connector's global settings ({@code rabbitmq-host},
 * {@code -port}, {@code -username}, {@code -password}, {@code -virtual-host}, {@code -ssl}, {@code -trust-all},
 * {@code -trust-store-path}, {@code -trust-store-password}), so an app's own connections (the topology's) go where
 * its channels go, TLS included. Defaults are in this jar's META-INF/microprofile-config.properties.
 */
@ApplicationScoped
public class BrokerConnection {

    private final String host;
    private final int port;
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
        this.username = config.getValue("rabbitmq-username", String.class);
        this.password = config.getValue("rabbitmq-password", String.class);
        this.virtualHost = config.getValue("rabbitmq-virtual-host", String.class);
        this.ssl = config.getValue("rabbitmq-ssl", Boolean.class);
        this.trustAll =
                config.getOptionalValue("rabbitmq-trust-all", Boolean.class).orElse(false);
        this.trustStorePath = config.getOptionalValue("rabbitmq-trust-store-path", String.class);
        this.trustStorePassword = config.getOptionalValue("rabbitmq-trust-store-password", String.class);
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
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
