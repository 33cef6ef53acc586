package org.vigie.messaging;

/**
 * The messaging channels of every Vigie app, as named in {@code mp.messaging.[incoming|outgoing].<name>.*}. A stream
 * has one name on both sides, so the settings of its publisher and of its consumer read alike.
 */
public final class Channels {

    /** Check tasks: outgoing in check-dispatcher, incoming in check-worker. */
    public static final String CHECK_TASKS = "check-tasks";

    /** Check results: outgoing in check-worker, incoming in board-web. */
    public static final String CHECK_RESULTS = "check-results";

    private Channels() {}
}
