package org.vigie.worker.probe;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;

/**
 * Starts probes on Vert.x's event loops in turn. Tasks arrive on one event loop (their broker connection's), and a
 * probe started there would open its connection, time out, and have its result written and published there too: the
 * worker would check on one core whatever the machine has. Each probe instead starts on the next of one context per
 * event loop, and the whole of its check runs there.
 */
@ApplicationScoped
public class ProbeLoops {

    private final Context[] loops;
    private final AtomicInteger next = new AtomicInteger();

    @Inject
    ProbeLoops(Vertx vertx) {
        VertxInternal internal = (VertxInternal) vertx.getDelegate();
        int count = 0;
        EventLoopGroup group = internal.getEventLoopGroup();
        for (EventExecutor ignored : group) {
            count++;
        }
        loops = new Context[Math.max(1, count)];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = internal.createEventLoopContext(); // each on the group's next event loop
        }
    }

    /** Probes start where they are asked to: for tests of a few probes on their own. */
    ProbeLoops() {
        loops = new Context[0];
    }

    /** Runs {@code start} on the next event loop (on the caller's thread when there are none). */
    void start(Runnable start) {
        if (loops.length == 0) {
            start.run();
            return;
        }
        loops[Math.floorMod(next.getAndIncrement(), loops.length)].runOnContext(ignored -> start.run());
    }
}
