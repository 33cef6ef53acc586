package org.vigie.board.boardfile.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a board file names a channel's secret without holding it: {@code ${env:VIGIE_SECRET_OPS_SLACK_URL}}, resolved
 * by board-web from its own environment (or a JVM system property of that name). Only names under {@code
 * VIGIE_SECRET_} resolve: a file must not be able to send the database password to a webhook of its choosing.
 */
final class SecretReferences {

    static final String PREFIX = "VIGIE_SECRET_";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

    private SecretReferences() {}

    /** The reference an export writes for a channel's secret: its name and the field's, in capitals. */
    static String of(String channel, String field) {
        String name =
                channel.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        String f = field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return "${env:" + PREFIX + (name.isEmpty() ? "" : name + "_") + f + "}";
    }

    /** The variable a value refers to, when it is a reference. */
    static Optional<String> variable(String value) {
        Matcher m = REFERENCE.matcher(value.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<String> resolve(String variable) {
        String value = System.getenv(variable);
        if (value == null) {
            value = System.getProperty(variable);
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
