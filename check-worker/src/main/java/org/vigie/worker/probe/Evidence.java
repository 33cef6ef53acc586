package org.vigie.worker.probe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a probe has seen so far of its target, filled in as the check goes (address, timings, status line,
 * certificate...). {@link Probes} reads it when the probe fails or runs out of time, so that a timeout still says how
 * far the check got. Written on the event loop and read by the deadline's thread: synchronized.
 */
public final class Evidence {

    /** Longest body excerpt kept as evidence, in characters. */
    public static final int BODY_EXCERPT = 512;

    private final Map<String, String> entries = new LinkedHashMap<>();

    public synchronized Evidence put(String key, String value) {
        if (value != null) {
            entries.put(key, value);
        }
        return this;
    }

    /** Records {@code timing.<phase>} as the milliseconds elapsed since {@code startNanos} ({@link System#nanoTime()}). */
    public Evidence timing(String phase, long startNanos) {
        return put("timing." + phase, millis(System.nanoTime() - startNanos));
    }

    public synchronized Map<String, String> snapshot() {
        return new LinkedHashMap<>(entries);
    }

    /** {@code 12.3}: milliseconds with one decimal, for timings. */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000_000.0);
    }

    /** The first bytes of a body as printable text: control characters (but newlines and tabs) become '?'. */
    public static String excerpt(String text) {
        String cut = text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) : text;
        StringBuilder s = new StringBuilder(cut.length());
        cut.codePoints()
                .forEach(c ->
                        s.appendCodePoint(c == '\n' || c == '\t' || c == '\r' || !Character.isISOControl(c) ? c : '?'));
        return s.toString();
    }
}
