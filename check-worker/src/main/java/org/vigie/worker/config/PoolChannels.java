package org.vigie.worker.config;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.vigie.check.Pools;
import org.vigie.messaging.BrokerNames;
import org.vigie.messaging.Channels;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * One task channel per pool this worker serves ({@code vigie.worker.pools}). A connector channel consumes one queue and
 * channels are named in code, so the worker has {@link Channels#TASK_SLOTS} of them ({@code check-tasks},
 * {@code check-tasks-2}, ...), all feeding the one task processor. This source configures the first ones, one per
 * pool, as copies of the {@code mp.messaging.incoming.check-tasks.*} settings with the pool's queue and routing key,
 * and disables the others.
 * <p>
 * Each pool's channel gets an equal share of {@code vigie.worker.max-in-flight} as its prefetch, in messages of up to
 * {@code vigie.rabbitmq.tasks-per-message} tasks ({@link #prefetch}), so the broker hands the worker about as many
 * tasks as it checks at once, whichever pools they come from.
 */
public class PoolChannels implements ConfigSourceFactory {

    /** Above application.properties (250), below the environment (300): an operator can still override a slot. */
    static final int ORDINAL = 275;

    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String TEMPLATE = PREFIX + Channels.CHECK_TASKS + ".";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String poolList = value(context, "vigie.worker.pools");
        List<String> pools;
        try {
            pools = Pools.parseList(poolList);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigie.worker.pools: " + e.getMessage(), e);
        }
        if (pools.size() > Channels.TASK_SLOTS) {
            throw new IllegalArgumentException("vigie.worker.pools: a worker serves at most " + Channels.TASK_SLOTS
                    + " pools, got " + pools.size() + " (" + poolList + ")");
        }
        Map<String, String> template = new HashMap<>();
        for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith(TEMPLATE)) {
                String value = value(context, name);
                if (value != null) {
                    template.put(name.substring(TEMPLATE.length()), value);
                }
            }
        }
        String queue = value(context, "vigie.rabbitmq.tasks-queue");
        String routingKey = value(context, "vigie.rabbitmq.tasks-routing-key");
        int inFlight = intValue(context, "vigie.worker.max-in-flight").orElse(256);
        int prefetch = prefetch(
                Math.max(1, inFlight / pools.size()),
                intValue(context, "vigie.rabbitmq.tasks-per-message").orElse(1));

        Map<String, String> properties = new HashMap<>();
        for (int slot = 1; slot <= Channels.TASK_SLOTS; slot++) {
            String channel = PREFIX + Channels.taskSlot(slot) + ".";
            if (slot <= pools.size()) {
                String pool = pools.get(slot - 1);
                if (slot > 1) {
                    template.forEach((key, value) -> properties.put(channel + key, value));
                }
                if (queue != null) {
                    properties.put(channel + "queue.name", BrokerNames.ofPool(queue, pool));
                }
                if (routingKey != null) {
                    properties.put(channel + "routing-keys", BrokerNames.ofPool(routingKey, pool));
                }
                properties.put(channel + "max-outstanding-messages", String.valueOf(prefetch));
            } else {
                properties.put(channel + "connector", "smallrye-rabbitmq");
                properties.put(channel + "enabled", "false");
            }
        }
        return List.of(new PropertiesConfigSource(properties, "vigie pool channels", ORDINAL));
    }

    /**
     * Messages the broker may hand a pool's channel at once for {@code share} tasks checked at once. One task a
     * message: the share itself. Several: enough messages for twice the share. A message is acknowledged only once
     * its last task's result is confirmed, so with just the share the checks at once would sag between messages
     * (measured: about 3,600 checks/s at most at 50 ms a probe, against 5,000 with twice); {@code merge} still bounds
     * the checks at once, and the tasks waiting in the worker wait about one probe.
     */
    static int prefetch(int share, int tasksPerMessage) {
        if (tasksPerMessage <= 1) {
            return share;
        }
        return 2 * ((share + tasksPerMessage - 1) / tasksPerMessage) + 1;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static OptionalInt intValue(ConfigSourceContext context, String name) {
        String value = value(context, name);
        try {
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
