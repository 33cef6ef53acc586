package org.vigie.board.site.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.vigie.board.site.BoardConfig;
import org.vigie.board.site.VisitorResolver;

/**
 * Answers a public GET with the copy of it kept less than {@code vigie.board.fresh-for} ago ({@link LastGoodPages}),
 * as it was sent (its ETag too, so a visitor's copy still gets a 304), instead of building it again. Not for an
 * address that sets the visitor's language or zone ({@code ?lang=}, {@code ?tz=}: the answer carries the cookie), nor
 * after an admin's change on this board-web ({@link #changed()}).
 */
public class FreshCopies {

    /** Set on a request answered from a copy: {@link SnapshotCapture} neither keeps it again nor tags it anew. */
    static final String FROM_COPY = "vigie.fresh-copy";

    private static volatile Instant changedAt = Instant.EPOCH;

    private final LastGoodPages pages;
    private final Clock clock;
    private final Duration freshFor;

    public FreshCopies(LastGoodPages pages, Clock clock, BoardConfig config) {
        this.pages = pages;
        this.clock = clock;
        this.freshFor = config.freshFor();
    }

    /** Something an admin changed: no copy made before now is served again. */
    public static void changed() {
        changedAt = Instant.now();
    }

    @ServerRequestFilter
    public Optional<Response> fromCopy(ContainerRequestContext request) {
        if (freshFor.isZero() || !pages.enabled() || !"GET".equals(request.getMethod())) {
            return Optional.empty();
        }
        var uri = request.getUriInfo().getRequestUri();
        String query = uri.getRawQuery();
        if (!LastGoodPages.isPublic(uri.getRawPath())
                || (query != null && (query.contains("lang=") || query.contains("tz=")))) {
            return Optional.empty();
        }
        String key = LastGoodPages.key(
                uri.getRawPath(),
                query,
                value(request.getCookies().get(VisitorResolver.LANG_COOKIE)),
                value(request.getCookies().get(VisitorResolver.TZ_COOKIE)),
                request.getHeaderString("Accept-Language"));
        Instant now = clock.instant();
        return pages.find(key)
                .filter(copy ->
                        copy.at().isAfter(now.minus(freshFor)) && copy.at().isAfter(changedAt))
                .map(copy -> {
                    request.setProperty(FROM_COPY, Boolean.TRUE);
                    String etag = copy.headers().get("ETag");
                    Response.ResponseBuilder answer =
                            etag != null && Conditional.matches(request.getHeaderString("If-None-Match"), etag)
                                    ? Response.notModified()
                                    : Response.ok(copy.body());
                    copy.headers().forEach(answer::header);
                    return answer.build();
                });
    }

    private static String value(Cookie cookie) {
        return cookie == null ? null : cookie.getValue();
    }
}
