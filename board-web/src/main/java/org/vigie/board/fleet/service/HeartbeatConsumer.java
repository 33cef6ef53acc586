package org.vigie.board.fleet.service;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.vigie.check.WorkerHeartbeat;
import org.vigie.messaging.Payloads;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * Takes the workers' heartbeats off this board-web's own queue (exclusive, auto-deleted, bound to the workers
 * exchange: every board-web sees every heartbeat) into {@link FleetService}.
 * <p>
 * A heartbeat that cannot be read is dropped and counted ({@code vigie_fleet_heartbeats_dropped_total}), never
 * dead-lettered: it is not a result, nothing is lost with it, and the worker says it all again at its next heartbeat.
 * The channel acknowledges on receipt for the same reason.
 */
@ApplicationScoped
public class HeartbeatConsumer {

    /** The channel, in {@code mp.messaging.incoming.*}. */
    public static final String CHANNEL = "worker-heartbeats";

    /**
     * The bean the heartbeat channel's {@code queue.arguments} names instead of the connector-wide
     * {@code vigie-queue-arguments}: a heartbeat queue dead-letters nothing, so it takes no dead-lettering arguments.
     */
    public static final String NO_QUEUE_ARGUMENTS = "vigie-no-queue-arguments";

    private static final Logger LOG = Logger.getLogger(HeartbeatConsumer.class);

    private final FleetService fleet;
    private final ObjectMapper json;
    private final Counter dropped;

    HeartbeatConsumer(FleetService fleet, ObjectMapper json, MeterRegistry registry) {
        this.fleet = fleet;
        this.json = json;
        this.dropped = Counter.builder("vigie.fleet.heartbeats.dropped")
                .description("Worker heartbeats that could not be read, dropped")
                .register(registry);
    }

    @Produces
    @Identifier(NO_QUEUE_ARGUMENTS) Map<String, Object> noQueueArguments() {
        return Map.of();
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> receive(Message<Object> message) {
        try {
            fleet.heard(json.readValue(bytes(message.getPayload()), WorkerHeartbeat.class));
        } catch (IOException | RuntimeException e) {
            dropped.increment();
            LOG.debugf("dropped a heartbeat that cannot be read: %s", e.getMessage());
        }
        return message.ack();
    }

    private static byte[] bytes(Object payload) throws IOException {
        return Payloads.bytes(payload)
                .orElseThrow(() -> new IOException("unexpected payload type " + Payloads.describe(payload)));
    }
}
