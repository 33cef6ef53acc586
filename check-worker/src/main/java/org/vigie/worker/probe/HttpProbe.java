package org.vigie.worker.probe;

import java.time.Duration;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * HTTP and HTTPS: a GET of the target's URL. 2xx and 3xx are up (redirects are not followed: a redirect answers),
 * anything else is down with its status, {@code HTTP 503}.
 */
@ApplicationScoped
public class HttpProbe implements Probe {

    private final WebClient client;
    private final String userAgent;

    HttpProbe(Vertx vertx, WorkerConfig config) {
        long maxMillis = config.maxProbeTimeout().toMillis();
        this.userAgent = config.http().userAgent();
        WebClientOptions options = new WebClientOptions()
                .setUserAgent(userAgent)
                .setFollowRedirects(false)
                // certificates and host names are verified: an invalid certificate is a reason to be down
                .setTrustAll(false)
                .setVerifyHost(true)
                // a fresh connection per check: a pooled one would hide a server that no longer accepts any
                .setKeepAlive(false)
                .setPipelining(false)
                // checks of one host must not queue behind each other: as many connections as checks in flight
                .setMaxPoolSize(config.maxInFlight())
                // upper bounds only: each request sets its task's timeout below
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, maxMillis))
                .setIdleTimeout((int) Math.max(1, config.maxProbeTimeout().toSeconds()));
        this.client = WebClient.create(vertx, options);
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.HTTP, Scheme.HTTPS);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return client.getAbs(target.requestUrl())
                .connectTimeout(millis)
                .idleTimeout(millis)
                .followRedirects(false)
                .putHeader("User-Agent", userAgent)
                // the body says nothing a status does not, and an endless one must not fill the heap
                .as(BodyCodec.none())
                .send()
                .map(response -> {
                    int status = response.statusCode();
                    String reason = "HTTP " + status;
                    return status >= 200 && status < 400 ? Verdict.up(reason) : Verdict.down(reason);
                });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
