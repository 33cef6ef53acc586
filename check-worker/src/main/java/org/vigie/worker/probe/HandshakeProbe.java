package org.vigie.worker.probe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * MySQL (and MariaDB), PostgreSQL, Redis, AMQP 0-9-1 and MQTT: the first steps of the protocol's handshake, enough
 * for the server to prove it speaks the protocol, without credentials. One shared client for all of them.
 *
 * @see MysqlHandshake
 * @see PostgresHandshake
 * @see RedisHandshake
 * @see AmqpHandshake
 * @see MqttHandshake
 */
@ApplicationScoped
public class HandshakeProbe implements EvidenceProbe {

    private final Vertx vertx;
    private final NetClient client;

    @Inject
    HandshakeProbe(io.vertx.mutiny.core.Vertx vertx, WorkerConfig config) {
        this(vertx.getDelegate(), config.maxProbeTimeout());
    }

    /** @param maxTimeout the longest probe: the client's connect and idle timeouts, a bound for a task gone wrong */
    HandshakeProbe(Vertx vertx, Duration maxTimeout) {
        this.vertx = vertx;
        int ms = (int) Math.min(Integer.MAX_VALUE, maxTimeout.toMillis());
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout(ms)
                .setIdleTimeout(ms)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setReconnectAttempts(0));
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.MYSQL, Scheme.POSTGRES, Scheme.REDIS, Scheme.AMQP, Scheme.MQTT);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence) {
        Conversation.Script script = switch (target.scheme()) {
            case MYSQL -> MysqlHandshake::talk;
            case POSTGRES -> PostgresHandshake::talk;
            case REDIS -> RedisHandshake::talk;
            case AMQP -> AmqpHandshake::talk;
            case MQTT -> MqttHandshake::talk;
            default ->
                throw new IllegalArgumentException(
                        "not a handshake scheme: " + target.scheme().id());
        };
        return Conversation.run(vertx, client, target, timeout, evidence, script);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
