package org.vigie.board.notify;

/** Where a notification is in its delivery. */
public enum DeliveryState {
    /** Written with its event, never tried. */
    PENDING,
    /** Claimed by a deliverer until {@code next_attempt_at} (its lease); a deliverer that died leaves it due again. */
    SENDING,
    /** Tried and refused or unreachable; tried again at {@code next_attempt_at}. */
    RETRYING,
    /** Due, but its channel had its deliveries of the minute (the rate limit); tried at {@code next_attempt_at}. */
    THROTTLED,
    /** Accepted by the receiver (a 2xx answer). */
    SENT,
    /** Given up: attempts exhausted, or refused for good (a 4xx other than 408 and 429). */
    FAILED
}
