package org.vigie.board.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input refused field by field: the API answers 400 with every problem in one message, the admin pages show each
 * one beside its field.
 */
public class InvalidInput extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidInput(Map<String, String> errors) {
        super(message(errors));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** One wrong field. */
    public InvalidInput(String field, String message) {
        this(Map.of(field, message));
    }

    /** Field name to what is wrong with it, in the order the fields were checked. */
    public Map<String, String> errors() {
        return errors;
    }

    /** "name is required" reads well alone; a parser's "unknown scheme" needs its field in front. */
    private static String message(Map<String, String> errors) {
        return errors.entrySet().stream()
                .map(e -> e.getValue().startsWith(e.getKey()) ? e.getValue() : e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
