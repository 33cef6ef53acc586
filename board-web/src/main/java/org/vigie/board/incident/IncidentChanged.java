package org.vigie.board.incident;

import io.quarkus.arc.Arc;

/**
 * A published incident was opened (or a draft published), got an update, or was resolved. Fired (CDI,
 * synchronously) inside the transaction that writes it, so that the notifications' outbox is written with it.
 * Drafts tell nobody.
 */
public record IncidentChanged(Incident incident, IncidentUpdate update, Change change) {

    public enum Change {
        OPENED,
        UPDATED,
        RESOLVED
    }

    public static void fire(Incident incident, IncidentUpdate update, Change change) {
        Arc.container()
                .beanManager()
                .getEvent()
                .select(IncidentChanged.class)
                .fire(new IncidentChanged(incident, update, change));
    }
}
