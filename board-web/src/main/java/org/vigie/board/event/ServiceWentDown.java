package org.vigie.board.event;

import java.time.Instant;

/**
 * A check event turned a service Down. Fired (CDI) inside the transaction that writes the event: observe it
 * {@code during = AFTER_SUCCESS} to act only once that transaction has committed. {@code publicReason} is what the
 * public may read of why.
 */
public record ServiceWentDown(long serviceId, String publicReason, Instant at) {}
