package org.vigie.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition on a JSON response body, as written in the {@code json} option: a path from the root, optionally
 * compared with a value. {@code $.status == ok} holds when the field's text is {@code ok};
 * {@code $.checks[0].healthy} holds when the value is there and is neither null nor false; {@code !=} negates.
 *
 * @param path     field names (String) and array indexes (Integer), from the root
 * @param operator {@code ==}, {@code !=}, or null for "present and truthy"
 * @param expected the value compared with, as text; null without an operator
 * @param text     the condition as written, for reasons: {@code $.status == ok}
 */
public record JsonCondition(List<Object> path, String operator, String expected, String text) {

    private static final Pattern WHOLE =
            Pattern.compile("\\s*(\\$(?:\\.[A-Za-z_][A-Za-z0-9_-]*|\\[\\d{1,6}\\])+)\\s*(?:(==|!=)\\s*(.*?))?\\s*");
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\[(\\d{1,6})\\]");

    public JsonCondition {
        path = List.copyOf(path);
    }

    public static JsonCondition parse(String text) {
        Matcher m = WHOLE.matcher(text);
        if (!m.matches()) {
            throw new InvalidTargetException(
                    "json \"" + text + "\" is not a condition like $.status == ok or $.items[0].ready");
        }
        List<Object> path = new ArrayList<>();
        Matcher s = SEGMENT.matcher(m.group(1));
        while (s.find()) {
            path.add(s.group(1) != null ? s.group(1) : Integer.valueOf(s.group(2)));
        }
        String expected = m.group(2) == null ? null : unquote(m.group(3));
        return new JsonCondition(path, m.group(2), expected, text.trim());
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
