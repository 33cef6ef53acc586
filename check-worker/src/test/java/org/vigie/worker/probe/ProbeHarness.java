package org.vigie.worker.probe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The worker's probes without the application around them: real probe classes on their own Vert.x, behind a real
 * {@link Probes} (deadline, evidence, {@code slow}), configured from {@code vigie.worker.*} settings with the worker's
 * defaults. Lets each probe be tested while other schemes' probes are being written.
 */
final class ProbeHarness implements AutoCloseable {

    final Vertx vertx = Vertx.vertx();
    final WorkerConfig config;
    final Probes probes;

    ProbeHarness(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        SmallRyeConfig smallRye = new SmallRyeConfigBuilder()
                .withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build();
        config = smallRye.getConfigMapping(WorkerConfig.class);
        Certificates certificates = new Certificates(config);
        probes = new Probes(
                List.of(
                        new HttpProbe(vertx, config, certificates),
                        new TlsProbe(vertx, config, certificates),
                        new DnsProbe(vertx, config),
                        new PingProbe(vertx, config),
                        new TcpProbe(vertx, config)),
                false);
    }

    ProbeHarness() {
        this(Map.of());
    }

    /** Starts a check; the Uni ends by the check's own deadline. */
    Uni<Verdict> start(String target, Duration timeout) {
        return probes.check(Target.parse(target), timeout);
    }

    /** Checks and waits; the bound is a safety net, the check's deadline ends it first. */
    Verdict check(String target, Duration timeout) {
        return start(target, timeout).await().atMost(timeout.plusSeconds(30));
    }

    Verdict check(String target) {
        return check(target, Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        vertx.closeAndAwait();
    }
}
