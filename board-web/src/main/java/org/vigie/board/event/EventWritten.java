package org.vigie.board.event;

/**
 * An event that changes a service's status was written (by the checks, silence or an admin). Fired (CDI,
 * synchronously) inside the transaction that writes it: an observer writing rows writes them in that transaction,
 * so they stand or fall with the event (the notifications' outbox).
 */
public record EventWritten(Event event) {}
