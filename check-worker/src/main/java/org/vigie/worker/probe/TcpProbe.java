package org.vigie.worker.probe;

import java.time.Duration;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;

/** TCP: connects, then closes at once. Up means the port accepts connections. */
@ApplicationScoped
public class TcpProbe implements Probe {

    private final NetClient client;

    TcpProbe(Vertx vertx, WorkerConfig config) {
        // Vert.x 4 sets the connect timeout per client, not per connection: this is the upper bound, and
        // Probes ends each check at its own task's timeout.
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, config.maxProbeTimeout().toMillis()))
                .setReconnectAttempts(0);
        this.client = vertx.getDelegate().createNetClient(options);
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.TCP);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout) {
        return Uni.createFrom()
                .emitter(emitter -> client.connect(target.port(), target.host()).onComplete(connected -> {
                    if (connected.succeeded()) {
                        // closed whether or not the check still waits: a connection that succeeds after the deadline
                        // must not be left open
                        connected.result().close();
                        emitter.complete(Verdict.up("connected", "connected"));
                    } else {
                        emitter.fail(connected.cause());
                    }
                }));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
