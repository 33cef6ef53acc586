package org.vigie.board.site.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.i18n.Languages;

/**
 * The last good answer of each public GET (pages, feeds, badges, {@code /status.json}, {@code /api/v1}), kept in
 * memory so that the board can still answer while its database is unreachable ({@link StaleAnswers}). An answer is
 * kept per address (path and query) and per what else changes its body: the visitor's language (the
 * {@code vigie_lang} cookie, else Accept-Language) and remembered time zone (the {@code vigie_tz} cookie). Bounded by
 * count and bytes, the least recently used going first.
 */
@ApplicationScoped
public class LastGoodPages {

    /**
     * Headers of a kept answer that say what its body is, who may read it, and how it may be cached (a stale answer
     * sets its own Cache-Control); never Set-Cookie.
     */
    static final List<String> KEPT_HEADERS = List.of(
            "Content-Type",
            "Content-Language",
            "Vary",
            "Content-Security-Policy",
            "Access-Control-Allow-Origin",
            "Access-Control-Expose-Headers",
            "ETag",
            "Cache-Control");

    /** What a kept answer costs besides its body: the key, the headers, the map's entry. */
    private static final int OVERHEAD = 512;

    /**
     * One kept answer, as sent, and its body gzipped once when it is text worth it ({@link FreshCopies} sends that to
     * the visitors who accept gzip, as the server's compression would have; null otherwise).
     */
    public record Snapshot(byte[] body, Map<String, String> headers, Instant at, byte[] gzipped) {

        public Snapshot(byte[] body, Map<String, String> headers, Instant at) {
            this(body, headers, at, gzip(body, headers.getOrDefault("Content-Type", "")));
        }

        long size() {
            return body.length + (gzipped == null ? 0 : gzipped.length) + OVERHEAD;
        }

        public String contentType() {
            return headers.getOrDefault("Content-Type", "application/octet-stream");
        }

        private static byte[] gzip(byte[] body, String type) {
            if (body.length < 1024 || !(type.startsWith("text/") || type.contains("json") || type.contains("xml"))) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 8);
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(body);
            } catch (IOException e) {
                return null; // in memory: does not happen
            }
            return out.toByteArray();
        }
    }

    private final boolean enabled;
    private final int maxEntries;
    private final long maxBytes;
    /** In access order: the eldest is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<String, Snapshot> entries = new LinkedHashMap<>(64, 0.75f, true);

    private long bytes;

    public LastGoodPages(SnapshotConfig config) {
        this.enabled = config.enabled();
        this.maxEntries = Math.max(0, config.maxEntries());
        this.maxBytes = Math.max(0, config.maxBytes().asLongValue());
    }

    public boolean enabled() {
        return enabled && maxEntries > 0 && maxBytes > 0;
    }

    /** Keeps an answer; one larger than a quarter of the budget is not kept, so that one page cannot empty the rest. */
    public void keep(String key, Snapshot snapshot) {
        if (!enabled() || snapshot.size() > maxBytes / 4) {
            return;
        }
        synchronized (this) {
            Snapshot previous = entries.put(key, snapshot);
            if (previous != null) {
                bytes -= previous.size();
            }
            bytes += snapshot.size();
            Iterator<Snapshot> eldest = entries.values().iterator();
            while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
                bytes -= eldest.next().size();
                eldest.remove();
            }
        }
    }

    public synchronized Optional<Snapshot> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized int count() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /**
     * The public side, whose answers are kept and served stale: never the admin, its API, static files or
     * {@code /q/}.
     */
    public static boolean isPublic(String path) {
        if (path == null) {
            return false;
        }
        return path.equals("/")
                || path.equals("/summary")
                || path.startsWith("/services/")
                || path.startsWith("/service-lists/")
                || path.equals("/incidents")
                || path.startsWith("/incidents/")
                || path.equals("/rss")
                || path.equals("/feed")
                || path.equals("/api/v1")
                || path.startsWith("/api/v1/")
                || path.startsWith("/badge/")
                || path.equals("/status.json");
    }

    /**
     * The key of an answer: the raw path and query (which hold {@code ?lang=} and {@code ?tz=}), the language the
     * visitor's cookie or browser asks for, and the zone their cookie remembers. Computed from the request alone: the
     * board's own settings are in the database, which may be away.
     */
    public static String key(
            String rawPath, String rawQuery, String langCookie, String tzCookie, String acceptLanguage) {
        ZoneId zone = VisitorResolver.zone(unquote(tzCookie));
        return rawPath
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + " lang=" + language(null, langCookie, acceptLanguage).getLanguage()
                + " tz=" + (zone == null ? "" : zone.getId());
    }

    /** The visitor's language as {@link VisitorResolver} works it out: the query, the cookie, then the browser's. */
    public static Locale language(String queryLang, String langCookie, String acceptLanguage) {
        Locale chosen = VisitorResolver.supported(queryLang == null ? null : queryLang.trim());
        if (chosen != null) {
            return chosen;
        }
        Locale remembered = VisitorResolver.supported(unquote(langCookie));
        if (remembered != null) {
            return remembered;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) { // by weight
                    Locale supported = VisitorResolver.supported(range.getRange());
                    if (supported != null) {
                        return supported;
                    }
                }
            } catch (IllegalArgumentException e) {
                // an unreadable header: the default language
            }
        }
        return Languages.ALL.get(0);
    }

    /** The visitor's time zone when the query or their cookie names one, else UTC (the board's own is in the database). */
    public static ZoneId zone(String queryTz, String tzCookie) {
        ZoneId chosen = VisitorResolver.zone(queryTz == null ? null : queryTz.trim());
        if (chosen != null) {
            return chosen;
        }
        ZoneId remembered = VisitorResolver.zone(unquote(tzCookie));
        return remembered == null ? ZoneId.of("UTC") : remembered;
    }

    private static String unquote(String v) {
        return v != null && v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
                ? v.substring(1, v.length() - 1)
                : v;
    }
}
