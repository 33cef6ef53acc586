package org.vigie.board.incident;

import java.util.Optional;

/** What an incident does to one of the services it affects. */
public enum ServiceImpact {
    DEGRADED_PERFORMANCE,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE;

    /** The word the API and forms use: {@code partial-outage}. */
    public String slug() {
        return Words.slug(this);
    }

    public static Optional<ServiceImpact> of(String text) {
        return Words.parse(ServiceImpact.class, text);
    }
}
