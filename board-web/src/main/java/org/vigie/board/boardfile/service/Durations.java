package org.vigie.board.boardfile.service;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times in a board file: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, a bare number of seconds, or ISO-8601. */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)?");

    private Durations() {}

    /** Written in the largest unit that divides it, so that a file reads {@code 5m} rather than {@code 300s}. */
    static String format(long seconds) {
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds > 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    static Optional<Long> seconds(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(
                    switch (m.group(2) == null ? "s" : m.group(2)) {
                        case "m" -> n * 60;
                        case "h" -> n * 3_600;
                        case "d" -> n * 86_400;
                        default -> n;
                    });
        }
        try {
            return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)).toSeconds());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Said once, in every error about a time. */
    static String notADuration(String text) {
        return "\"" + text + "\" is not a duration (e.g. 30s, 5m, 1h)";
    }
}
