package org.vigie.board.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** How pages write times and latencies, as {@code {fmt:utc(instant)}}; null-safe. Pages in a visitor's zone use {@link Visitor} instead. */
@TemplateExtension(namespace = "fmt")
public class Formats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** {@code 2026-11-25 10:00:00 UTC}, or a dash when never. */
    static String utc(Instant instant) {
        return instant == null ? "—" : UTC.format(instant);
    }

    /** Machine-readable, for {@code <time datetime>}. */
    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** {@code 42 ms} or {@code 1.3 s}, or a dash when unknown. */
    static String latency(Integer millis) {
        if (millis == null) {
            return "—";
        }
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
