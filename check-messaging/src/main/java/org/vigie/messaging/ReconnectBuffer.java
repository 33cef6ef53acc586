package org.vigie.messaging;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Makes room for what a consumer receives right after a broker reconnect.
 * <p>
 * The connector hands deliveries from the RabbitMQ client's thread to the channel's context through Mutiny's
 * {@code emitOn}, whose queue holds {@link Infrastructure#getBufferSizeS()} messages (256 by default). After a
 * reconnect the client resumes its consumer without regard to demand: the new prefetch (up to the channel's
 * {@code max-outstanding-messages}) arrives in one burst on top of what was still queued, overflows that queue and
 * ends the stream with {@code BackPressureFailure: Queue is full, the upstream didn't enforce the requests} (seen in
 * drill 02: board-web consumed nothing after the broker came back). The burst is bounded by the broker, twice the
 * prefetch at most, so the queue is sized to {@value #PREFETCHES} prefetches before any channel subscribes.
 */
@ApplicationScoped
public class ReconnectBuffer {

    /** Prefetches the hand-over queue holds: the old one still queued, the new one, and room for a second reconnect. */
    static final int PREFETCHES = 8;

    private static final Logger LOG = Logger.getLogger(ReconnectBuffer.class);
    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String SUFFIX = ".max-outstanding-messages";

    /** Before Reactive Messaging starts its channels, which it does on the same event at a later priority. */
    void widen(@Observes @Priority(1) Startup started, Config config) {
        int needed = needed(config);
        if (needed > Infrastructure.getBufferSizeS()) {
            LOG.debugf("Mutiny's hand-over buffer: %d -> %d", Infrastructure.getBufferSizeS(), needed);
            Infrastructure.setBufferSizeS(needed);
        }
    }

    /** {@value #PREFETCHES} times the largest prefetch of this app's consuming channels. */
    static int needed(Config config) {
        int largest = 0;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                largest = Math.max(
                        largest, config.getOptionalValue(name, Integer.class).orElse(0));
            }
        }
        return largest * PREFETCHES;
    }
}
