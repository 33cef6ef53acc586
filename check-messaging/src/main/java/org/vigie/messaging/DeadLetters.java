package org.vigie.messaging;

/**
 * The headers a Vigie app puts on a message it dead-letters itself, so that an operator reading a dead-letter queue
 * sees why each message is there. A message the broker dead-letters (expired in its queue, delivered too often, or
 * rejected) carries the broker's {@code x-death} header instead.
 * <p>
 * An app dead-letters by publishing the message, with publisher confirms, to the dead-letter exchange with the name
 * of the queue it came from as routing key (how the broker itself routes that queue's dead letters), then
 * acknowledging the original once the broker has confirmed.
 */
public final class DeadLetters {

    /** Which rule refused the message: one short word, also the {@code kind} tag of the app's dead-letter count. */
    public static final String KIND_HEADER = "x-vigie-kind";

    /** Why, in one line for an operator. */
    public static final String REASON_HEADER = "x-vigie-reason";

    /** Kind of a message that cannot be read: not JSON, a field missing, too long or out of range. */
    public static final String MALFORMED = "malformed";

    /** Kind of a task that had expired when a worker received it. */
    public static final String EXPIRED = "expired";

    private DeadLetters() {}
}
