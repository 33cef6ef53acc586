package org.vigie.board.site.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.vigie.board.site.Visitor;
import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.i18n.Languages;
import org.vigie.board.site.i18n.Msg;
import org.vigie.board.site.rest.PublicCors;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.site.view.Svg;
import org.vigie.board.web.ApiError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What a public GET answers when the database cannot be reached: its last good answer ({@link LastGoodPages}), with
 * a 200, a note at the top of a page ("Status as of 12:04 UTC: ...", replacing layout.html's
 * {@code <!--vigie:stale-note-->}), and, on every kind of answer, {@code X-Vigie-Stale: as-of=<time>} and
 * {@code Warning: 110}; with none kept, a 503 saying so: the board's error page, the API's JSON error, plain text
 * for the feeds. It handles only what no exception mapper did (a failure the resources let through reaches the
 * router); any other failure, and every non-public address, goes on to Quarkus' own error handling.
 */
@ApplicationScoped
public class StaleAnswers {

    /** Where layout.html marks the place of the note, right after {@code <main>}. */
    static final String MARKER = "<!--vigie:stale-note-->";

    private static final Logger LOG = Logger.getLogger(StaleAnswers.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance note(String time);
    }

    @Inject
    @Location("BoardPages/error")
    Template errorPage;

    @Inject
    LastGoodPages pages;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    void register(@Observes Router router) {
        router.route().failureHandler(this::answer);
    }

    void answer(RoutingContext rc) {
        Throwable failure = rc.failure();
        HttpMethod method = rc.request().method();
        String path = rc.normalizedPath();
        if (failure == null
                || !pages.enabled()
                || rc.response().headWritten()
                || !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                || !LastGoodPages.isPublic(path)
                || !DatabaseFailures.unreachable(failure)) {
            rc.next();
            return;
        }
        String langCookie = cookie(rc, VisitorResolver.LANG_COOKIE);
        String tzCookie = cookie(rc, VisitorResolver.TZ_COOKIE);
        String acceptLanguage = String.join(", ", rc.request().headers().getAll("Accept-Language"));
        String key = LastGoodPages.key(rc.request().path(), rc.request().query(), langCookie, tzCookie, acceptLanguage);
        Locale locale = LastGoodPages.language(rc.request().getParam("lang"), langCookie, acceptLanguage);
        ZoneId zone = LastGoodPages.zone(rc.request().getParam("tz"), tzCookie);
        Optional<LastGoodPages.Snapshot> kept = pages.find(key);
        log(path, kept, failure);
        HttpServerResponse response = rc.response();
        response.headers().clear();
        if (PublicCors.shared(path)) {
            response.putHeader("Access-Control-Allow-Origin", "*");
        }
        if (kept.isPresent()) {
            registry.counter("vigie.board.stale.answers", "answer", "snapshot").increment();
            stale(response, kept.get(), locale, zone);
        } else {
            registry.counter("vigie.board.stale.answers", "answer", "unavailable")
                    .increment();
            unavailable(response, path, locale, zone);
        }
    }

    private void stale(HttpServerResponse response, LastGoodPages.Snapshot kept, Locale locale, ZoneId zone) {
        kept.headers().forEach(response::putHeader);
        response.setStatusCode(200)
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Vigie-Stale", "as-of=" + kept.at())
                .putHeader("Warning", "110 - \"Response is Stale\"");
        if (kept.contentType().startsWith("text/html")) {
            String note = Templates.note(asOf(kept.at(), zone, locale))
                    .setLocale(locale)
                    .render();
            response.end(withNote(new String(kept.body(), StandardCharsets.UTF_8), note));
        } else {
            response.end(io.vertx.core.buffer.Buffer.buffer(kept.body()));
        }
    }

    /** The note in place of the layout's marker; right after {@code <main>} should a page lack the marker. */
    static String withNote(String html, String note) {
        int at = html.indexOf(MARKER);
        if (at >= 0) {
            return html.substring(0, at) + note + html.substring(at + MARKER.length());
        }
        int main = html.indexOf("<main>");
        return main < 0 ? html : html.substring(0, main + 6) + note + html.substring(main + 6);
    }

    /** {@code 12:04 UTC} in the visitor's zone, the day added when it was not today. */
    String asOf(Instant at, ZoneId zone, Locale locale) {
        boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.ofInstant(clock.instant(), zone));
        return DateTimeFormatter.ofPattern(today ? "HH:mm zzz" : "d MMM HH:mm zzz", locale)
                .withZone(zone)
                .format(at);
    }

    private void unavailable(HttpServerResponse response, String path, Locale locale, ZoneId zone) {
        Msg msg = Languages.msg(locale);
        response.setStatusCode(503).putHeader("Cache-Control", "no-cache").putHeader("Retry-After", "30");
        if (path.startsWith("/api/") || path.endsWith(".json")) {
            response.putHeader("Content-Type", "application/json").end(apiError());
        } else if (path.startsWith("/badge/")) {
            response.putHeader("Content-Type", "image/svg+xml;charset=UTF-8")
                    .end(Svg.badge("vigie", msg.db_unreachable_title(), null));
        } else if (path.equals("/rss") || path.equals("/feed")) {
            response.putHeader("Content-Type", "text/plain;charset=UTF-8").end(msg.db_unreachable());
        } else {
            // the board's own error page; its settings (name, logo) are in the database, so the defaults
            String html = errorPage
                    .data("board", BoardInfo.DEFAULTS)
                    .data("v", new Visitor(zone, locale, List.of()))
                    .data("title", msg.db_unreachable_title())
                    .data("message", msg.db_unreachable())
                    .setLocale(locale)
                    .render();
            response.putHeader("Content-Type", "text/html;charset=UTF-8")
                    .putHeader("Content-Language", locale.getLanguage())
                    .end(html);
        }
    }

    private String apiError() {
        try {
            return json.writeValueAsString(new ApiError(true, 503, "the board's database is unreachable"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line a minute at most: an outage fails every request. */
    private void log(String path, Optional<LastGoodPages.Snapshot> kept, Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.warnf(
                    "the database is unreachable (%s): %s answered %s; more such answers are not logged for a minute",
                    rootMessage(failure),
                    path,
                    kept.map(k -> "with its copy of " + k.at()).orElse("503, no copy kept"));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static String cookie(RoutingContext rc, String name) {
        Cookie c = rc.request().getCookie(name);
        return c == null ? null : c.getValue();
    }
}
