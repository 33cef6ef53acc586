package org.vigie.board.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the checks do about incidents when they turn a service Down: nothing, open a draft, or publish one. */
public enum IncidentsOnDown {
    OFF,
    DRAFT,
    PUBLISH;

    /** The word the API and forms use: {@code off}, {@code draft}, {@code publish}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentsOnDown> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(name)).findFirst();
    }

    /** The words, for error messages. */
    public static String choices() {
        return String.join(
                ", ", Arrays.stream(values()).map(IncidentsOnDown::slug).toList());
    }
}
