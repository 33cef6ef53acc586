package org.vigie.check;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the value of a connection-string option is read and validated. */
public enum OptionKind {
    /** A duration such as {@code 5s}, {@code 500ms} or {@code 1m}; a bare number is seconds. */
    DURATION {
        @Override
        Object read(String name, String value) {
            return parseDuration(name, value);
        }
    },
    /** A whole number from 0 up. */
    COUNT {
        @Override
        Object read(String name, String value) {
            try {
                long n = Long.parseLong(value);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidTargetException(name + " \"" + value + "\" is not a whole number");
        }
    };

    private static final Pattern DURATION_TEXT = Pattern.compile("(\\d{1,9})(ms|s|m)?");

    abstract Object read(String name, String value);

    static Duration parseDuration(String name, String value) {
        Matcher m = DURATION_TEXT.matcher(value);
        if (!m.matches()) {
            throw new InvalidTargetException(name + " \"" + value + "\" is not a duration like 5s, 500ms or 1m");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
