package org.vigie.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP statuses a check accepts as up, as written in the {@code expect} option: {@code 200},
 * {@code 200-299}, {@code 2xx}, or a comma-separated list of these ({@code 200,204,3xx}).
 */
public record StatusCodes(List<int[]> ranges, String text) {

    private static final Pattern PART = Pattern.compile("([1-5])xx|(\\d{3})(?:-(\\d{3}))?");

    /** What counts as up when the connection string says nothing: a 2xx or 3xx answer. */
    public static final StatusCodes DEFAULT = parse("2xx,3xx");

    public StatusCodes {
        ranges = List.copyOf(ranges);
    }

    public static StatusCodes parse(String text) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            Matcher m = PART.matcher(part.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new InvalidTargetException(
                        "expect \"" + text + "\" is not a list of HTTP statuses like 200, 200-299 or 2xx");
            }
            if (m.group(1) != null) {
                int hundred = Integer.parseInt(m.group(1)) * 100;
                ranges.add(new int[] {hundred, hundred + 99});
            } else {
                int from = Integer.parseInt(m.group(2));
                int to = m.group(3) == null ? from : Integer.parseInt(m.group(3));
                if (from < 100 || to > 599 || from > to) {
                    throw new InvalidTargetException(
                            "expect \"" + part.trim() + "\" is not a range of HTTP statuses within 100-599");
                }
                ranges.add(new int[] {from, to});
            }
        }
        return new StatusCodes(ranges, text);
    }

    public boolean matches(int status) {
        for (int[] r : ranges) {
            if (status >= r[0] && status <= r[1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusCodes other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
