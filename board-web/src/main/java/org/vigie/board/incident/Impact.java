package org.vigie.board.incident;

import java.util.Locale;
import java.util.Optional;

/** How bad an incident is overall. */
public enum Impact {
    NONE,
    MINOR,
    MAJOR,
    CRITICAL;

    /** The word the API and forms use: {@code minor}. */
    public String slug() {
        return Words.slug(this);
    }

    public static Optional<Impact> of(String text) {
        return Words.parse(Impact.class, text);
    }

    /** For CSS classes: none, minor, major, critical. */
    public String css() {
        return name().toLowerCase(Locale.ROOT);
    }
}
