package org.vigie.messaging;

/**
 * The headers a Vigie app puts on a message it dead-letters itself, so that whoever reads the dead-letter queue
 * (an operator, board-web's missed checks) knows why without guessing from the broker's {@code x-death}.
 */
public final class DeadLetterHeaders {

    /** Which rule refused the message, one word: {@code expired}, {@code malformed}, {@code unknown-service}, ... */
    public static final String KIND = "x-vigie-kind";

    /** One line a person understands. */
    public static final String REASON = "x-vigie-reason";

    private DeadLetterHeaders() {
    }
}
