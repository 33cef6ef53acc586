package org.vigie.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.vigie.messaging.BrokerConnection;
import org.vigie.messaging.BrokerNames;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The worker's own settings, {@code vigie.worker.*}. Broker names are {@code vigie.rabbitmq.*}
 * ({@link BrokerNames}); the broker connection is {@code rabbitmq-host} and friends ({@link BrokerConnection}).
 */
@ConfigMapping(prefix = "vigie.worker")
public interface WorkerConfig {

    /**
     * Names this worker in every result it publishes, so an operator can tell which worker checked.
     * Default: {@code <hostname>-<pid>}, unique among workers started on one host.
     */
    Optional<String> id();

    /**
     * The pools this worker checks for, comma-separated ({@code VIGIE_WORKER_POOLS=eu-west,default}): it consumes
     * each pool's task queue and nothing else. At most {@link org.vigie.messaging.Channels#TASK_SLOTS}. Default
     * {@code default}, the pool of every service that names none. The channels themselves are configured from this
     * setting by {@link PoolChannels}.
     */
    @WithDefault(org.vigie.check.Pools.DEFAULT)
    List<String> pools();

    /**
     * Most tasks this worker checks at once. It also sets the broker prefetch of the task consumer
     * ({@code max-outstanding-messages}, in messages of up to {@code vigie.rabbitmq.tasks-per-message} tasks), so the
     * broker hands this worker about as many tasks as it can probe.
     * Default 256: probes wait on the network, not on the CPU.
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Longest probe this worker runs, whatever a task asks. Tasks carry their own timeout; this bounds a
     * dispatcher gone wrong, and it is the connect timeout of the shared TCP client. Default 2m, the longest
     * timeout a connection string may ask for.
     */
    @WithDefault("2m")
    Duration maxProbeTimeout();

    /**
     * A certificate (https, tls) expiring within this many days makes a check a WARNING, unless the connection
     * string's {@code cert-days} says otherwise; 0 turns the warning off. Default 14.
     */
    @WithDefault("14")
    int certDays();

    /**
     * Longest a stopping worker (SIGTERM) waits for the checks it has in flight: it takes no new task, finishes those,
     * publishes their results and acknowledges their tasks, then exits. Tasks still unsettled then go back to the
     * queue with the connection. Default 130s: the longest probe ({@link #maxProbeTimeout()}, 2m) and 10 s for its
     * result's confirm. A service manager must allow at least this long before it kills the worker.
     */
    @WithDefault("130s")
    Duration drainTimeout();

    /**
     * Longest a result may wait for the broker's confirm before its task goes back to the queue (to be checked again;
     * the board stores a task's result once). The client can lose a confirm when it replaces a channel, which would
     * otherwise hold the task, and one of this worker's prefetch slots, until the connection closes. Default 30s.
     */
    @WithDefault("30s")
    Duration resultConfirmTimeout();

    /**
     * Results carried in one message at most: results finished together leave as one JSON array, so the broker,
     * the confirms and board-web's acknowledgements count messages rather than checks. 1 publishes each result on
     * its own (a JSON object), which boards older than result batches need. Default 50.
     */
    @WithDefault("50")
    int resultsPerMessage();

    /**
     * Longest a finished result waits for others to share its message. A result already waits for its confirm and
     * board-web's next batch longer than this. Default 20ms.
     */
    @WithDefault("20ms")
    Duration resultsLinger();

    /** The heartbeats this worker publishes for the fleet page. */
    Heartbeat heartbeat();

    /** HTTP and HTTPS checks. */
    Http http();

    /** Certificate verification of https and tls checks. */
    Tls tls();

    /** dns checks. */
    Dns dns();

    /** ping checks. */
    Ping ping();

    interface Heartbeat {

        /**
         * How often this worker tells the board who it is, which pools it serves and how busy it is (exchange
         * {@code vigie.rabbitmq.workers-exchange}). Each heartbeat expires in the broker after three intervals, so a
         * board that was away never reads stale ones. Default 5s.
         */
        @WithDefault("5s")
        Duration interval();
    }

    interface Http {

        /** User-Agent of every HTTP check, so target owners can recognise Vigie in their logs. Default {@code Vigie}. */
        @WithDefault("Vigie")
        String userAgent();

        /**
         * Most bytes of a response body read by a check with {@code contains}, {@code regex} or {@code json}; the
         * connection is closed there, so an endless body costs this much memory and no more. Default 65536 (64 KiB).
         */
        @WithDefault("65536")
        int maxBody();

        /**
         * Longest a {@code regex} condition may search a body; a pattern that backtracks beyond it makes the check
         * Down, "condition took too long". Default 1s: a sane pattern searches 64 KiB in milliseconds.
         */
        @WithDefault("1s")
        Duration regexBudget();

        /**
         * Threads that search {@code regex} conditions, never the event loop: at worst each spends its budget on a
         * pattern, and more searches wait for one. Default 2.
         */
        @WithDefault("2")
        int regexThreads();
    }

    interface Tls {

        /**
         * A file of extra certificate authorities (PEM, or DER), trusted besides the JDK's own, e.g. an internal CA.
         * Empty by default: only the JDK's authorities are trusted.
         */
        Optional<String> trustStore();
    }

    interface Dns {

        /**
         * Threads that wait on the system resolver (which blocks) for dns checks without {@code server}. A resolver
         * that hangs holds these, never the event loop: more waiting checks queue and time out. Default 8.
         */
        @WithDefault("8")
        int systemResolverThreads();
    }

    interface Ping {

        /**
         * The ping program (iputils-ping). It needs ICMP: CAP_NET_RAW on the program (Debian's package sets it) or
         * on the worker, or the worker's group within {@code net.ipv4.ping_group_range}. Default {@code ping}.
         */
        @WithDefault("ping")
        String command();
    }
}
