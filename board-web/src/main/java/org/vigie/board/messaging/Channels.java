package org.vigie.board.messaging;

/** board-web's messaging channels; their exchanges and queues are set in application.properties. */
public final class Channels {

    /** Incoming: results published by the workers. */
    public static final String CHECK_RESULTS = "check-results";

    private Channels() {
    }
}
