package org.vigie.board.event;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.vigie.board.service.Service;
import org.vigie.board.status.Status;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A change the board shows: a service entering a status, or an informational note that keeps the status. */
@Entity
@Table(name = "events")
public class Event extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    public Service service;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "status_id")
    public Status status;

    /** What happened: an admin's words, or a check's full reason (which may name the target: admins only). */
    public String message;

    /**
     * What the public reads for a check event written from a result: its public reason. Null where {@link #message} is
     * public itself (admins' events, Unknown).
     */
    public String publicMessage;

    public boolean informational;

    @Enumerated(EnumType.STRING)
    public EventSource source;

    /** For a check event, the task whose result caused it: unique, so a redelivered result never writes it twice. */
    public String taskId;

    public Instant createdAt;

    /** An event's message column. */
    public static final int MESSAGE_MAX = 1000;

    /**
     * Writes a check event and shows it on the service: the status the checks concluded, their words for admins and
     * for the public (cut to the column), the result that caused it (null when silence did).
     */
    public static Event fromChecks(
            Service service, Status status, String message, String publicMessage, String taskId, Instant at) {
        Event event = new Event();
        event.service = service;
        event.status = status;
        event.message = cut(message);
        event.publicMessage = cut(publicMessage);
        event.source = EventSource.CHECK;
        event.taskId = taskId;
        event.createdAt = at;
        event.persist();
        StatusUpdates.showCheckEvent(service.id, status, at);
        announce(event);
        if (Status.DOWN.equals(status.slug)) {
            // for those who act once this transaction has committed: an automatic draft incident
            Arc.container()
                    .beanManager()
                    .getEvent()
                    .select(ServiceWentDown.class)
                    .fire(new ServiceWentDown(
                            service.id, event.publicMessage != null ? event.publicMessage : event.message, at));
        }
        return event;
    }

    /** Tells those who act in this transaction (the notifications' outbox) that a status-changing event was written. */
    public static void announce(Event event) {
        Arc.container().beanManager().getEvent().select(EventWritten.class).fire(new EventWritten(event));
    }

    private static String cut(String text) {
        return text == null || text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX - 1) + "…";
    }
}
