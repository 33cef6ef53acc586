package org.vigie.board.site.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.vigie.board.event.EventWritten;
import org.vigie.board.site.BoardConfig;
import org.vigie.board.site.VisitorResolver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a public GET with the copy of it kept less than {@code vigie.board.fresh-for} ago ({@link LastGoodPages}),
 * as it was sent (its ETag too, so a visitor's copy still gets a 304; gzipped once for whoever accepts gzip), instead
 * of building it again. A route ahead of the resources, so that a copy costs no more than writing it. Not for an
 * address that sets the visitor's language or zone ({@code ?lang=}, {@code ?tz=}: the answer carries the cookie), nor
 * after an admin's change or a status change written by this board-web ({@link #changed()}). When a copy grows old,
 * one request builds the address anew while those arriving meanwhile still get the copy: a busy board is never built
 * by every visitor at once.
 */
@ApplicationScoped
public class FreshCopies {

    /** When an admin or a status last changed something: copies made before are not served. */
    private volatile Instant changedAt = Instant.EPOCH;

    /** Longest one visitor's request may take to build an address anew while the others get the copy before it. */
    private static final Duration REBUILD_WITHIN = Duration.ofSeconds(10);

    /** Addresses being built anew, since when. */
    private final Map<String, Instant> rebuilding = new ConcurrentHashMap<>();

    private final LastGoodPages pages;
    private final Clock clock;
    private final Duration freshFor;

    public FreshCopies(LastGoodPages pages, Clock clock, BoardConfig config) {
        this.pages = pages;
        this.clock = clock;
        this.freshFor = config.freshFor();
    }

    /** Something an admin or a status changed: no copy made before now is served again. */
    public void changed() {
        changedAt = clock.instant();
    }

    /**
     * A service's status changed (the checks, silence or an admin): no copy made before is served again, so the board
     * shows the change to the next visitor rather than up to {@code fresh-for} later. After the commit: a copy built
     * while the event was not yet visible would otherwise pass for fresh.
     */
    void statusChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventWritten written) {
        changed();
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(this::answer);
    }

    void answer(RoutingContext rc) {
        String query = rc.request().query();
        if (freshFor.isZero()
                || !pages.enabled()
                || !HttpMethod.GET.equals(rc.request().method())
                || !LastGoodPages.isPublic(rc.normalizedPath())
                || (query != null && (query.contains("lang=") || query.contains("tz=")))) {
            rc.next();
            return;
        }
        String key = LastGoodPages.key(
                rc.request().path(),
                query,
                StaleAnswers.cookie(rc, VisitorResolver.LANG_COOKIE),
                StaleAnswers.cookie(rc, VisitorResolver.TZ_COOKIE),
                String.join(", ", rc.request().headers().getAll("Accept-Language")));
        Instant now = clock.instant();
        LastGoodPages.Snapshot copy = pages.find(key)
                .filter(c -> c.at().isAfter(changedAt) && c.at().isAfter(now.minus(freshFor.plus(REBUILD_WITHIN))))
                .orElse(null);
        if (copy == null) {
            rc.next();
            return;
        }
        if (!copy.at().isAfter(now.minus(freshFor)) && !othersRebuild(key, now)) {
            // this request builds the address anew; those arriving meanwhile get the copy, not a build each
            rc.addEndHandler(ended -> rebuilding.remove(key));
            rc.next();
            return;
        }
        HttpServerResponse response = rc.response();
        copy.headers().forEach(response::putHeader);
        response.putHeader("Vary", varyWithEncoding(copy.headers().get("Vary")));
        String etag = copy.headers().get("ETag");
        if (etag != null && Conditional.matches(rc.request().getHeader("If-None-Match"), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        // the server compresses what the resources answer; a copy goes gzipped as it was kept
        boolean gzip = copy.gzipped() != null && acceptsGzip(rc.request().getHeader("Accept-Encoding"));
        if (gzip) {
            response.putHeader("Content-Encoding", "gzip");
        }
        response.setStatusCode(200).end(Buffer.buffer(gzip ? copy.gzipped() : copy.body()));
    }

    /** Whether another request is building {@code key} already; if not, this one is now. */
    private boolean othersRebuild(String key, Instant now) {
        Instant[] mine = {null};
        Instant since = rebuilding.compute(key, (k, started) -> {
            if (started != null && started.isAfter(now.minus(REBUILD_WITHIN))) {
                return started;
            }
            mine[0] = now;
            return now;
        });
        return since != mine[0];
    }

    private static String varyWithEncoding(String vary) {
        return vary == null || vary.isBlank() ? "Accept-Encoding" : vary + ", Accept-Encoding";
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").equalsIgnoreCase("q=0");
            }
        }
        return false;
    }
}
