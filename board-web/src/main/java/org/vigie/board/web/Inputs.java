package org.vigie.board.web;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Collects what is wrong with one request before anything is written: callers check every field, then call
 * {@link #throwIfAny()}. Also reads the loosely typed values forms send (numbers and flags as text).
 */
public final class Inputs {

    private final Map<String, String> errors = new LinkedHashMap<>();

    public void error(String field, String message) {
        errors.putIfAbsent(field, message);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A text that must be given: trimmed, at most {@code max} characters; null (and an error) when blank. */
    public String required(String field, String text, int max) {
        return required(field, text, max, "");
    }

    /** The same, with a hint after "is required" that tells what to give. */
    public String required(String field, String text, int max, String hint) {
        String value = trimToNull(text);
        if (value == null) {
            error(field, field + " is required" + hint);
        } else if (value.length() > max) {
            error(field, field + " is longer than " + max + " characters");
        }
        return value;
    }

    /** A text that may be left out: trimmed, empty when absent, at most {@code max} characters. */
    public String optional(String field, String text, int max) {
        String value = text == null ? "" : text.trim();
        if (value.length() > max) {
            error(field, field + " is longer than " + max + " characters");
        }
        return value;
    }

    /** A whole number sent as text; blank means absent. */
    public Integer integer(String field, String text) {
        String t = trimToNull(text);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            error(field, field + " \"" + text + "\" is not a whole number");
            return null;
        }
    }

    /** A flag sent as text: true/false, on/off, yes/no, 1/0 (an HTML checkbox sends "on"); blank means absent. */
    public Boolean flag(String field, String text) {
        String t = trimToNull(text);
        if (t == null) {
            return null;
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> {
                error(field, field + " \"" + text + "\" is not true or false");
                yield null;
            }
        };
    }

    /**
     * A time: an ISO-8601 instant ({@code 2024-05-01T10:00:00Z}, with an offset or not), a date and time without
     * a zone (read as UTC, what an HTML datetime-local field sends), or seconds since the epoch.
     */
    public Instant instant(String field, String text) {
        String t = trimToNull(text);
        if (t == null) {
            return null;
        }
        try {
            if (t.matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            error(field, field + " \"" + text + "\" is not a time: use ISO-8601 (2024-05-01T10:00:00Z) in UTC");
            return null;
        }
    }

    /**
     * The slug of something new: the one requested, else one made from its name. Null when neither is given (the
     * name's own error says so), or, with an error, when neither has a letter or digit to make one from.
     */
    public String newSlug(String requested, String name) {
        String from = trimToNull(requested) != null ? trimToNull(requested) : name;
        if (from == null) {
            return null;
        }
        String slug = slugify(from);
        if (slug.isEmpty()) {
            error("slug", "slug: cannot make a slug from \"" + from + "\"; give one with letters or digits");
            return null;
        }
        return slug;
    }

    /** An update may repeat the slug but not change it: {@code why} says what refers to it. */
    public void sameSlug(String requested, String current, String why) {
        String slug = trimToNull(requested);
        if (slug != null && !slug.equals(current)) {
            error("slug", "slug cannot change: " + why);
        }
    }

    /** Lower-case ASCII letters, digits and dashes, at most 64 characters: stable in URLs. */
    public static String slugify(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }
}
