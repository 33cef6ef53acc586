package org.vigie.board.incident;

import java.util.Optional;

/** Where an incident stands; every update sets it. Resolved ends the incident (a later update may reopen it). */
public enum IncidentState {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED;

    /** The word the API and forms use: {@code monitoring}. */
    public String slug() {
        return Words.slug(this);
    }

    public static Optional<IncidentState> of(String text) {
        return Words.parse(IncidentState.class, text);
    }
}
