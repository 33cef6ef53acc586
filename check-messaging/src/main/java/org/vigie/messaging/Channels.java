package org.vigie.messaging;

/**
 * The messaging channels of every Vigie app, as named in {@code mp.messaging.[incoming|outgoing].<name>.*}. A stream
 * has one name on both sides, so the settings of its publisher and of its consumer read alike.
 */
public final class Channels {

    /** Check tasks: outgoing in check-dispatcher, incoming in check-worker (its first pool's channel). */
    public static final String CHECK_TASKS = "check-tasks";

    /** Task channels a worker has, one per pool it serves: the most pools a worker serves. */
    public static final int TASK_SLOTS = 8;

    /** The worker's task channels: {@link #CHECK_TASKS}, then {@code check-tasks-2} to {@code check-tasks-8}. */
    public static final String CHECK_TASKS_2 = "check-tasks-2";

    public static final String CHECK_TASKS_3 = "check-tasks-3";
    public static final String CHECK_TASKS_4 = "check-tasks-4";
    public static final String CHECK_TASKS_5 = "check-tasks-5";
    public static final String CHECK_TASKS_6 = "check-tasks-6";
    public static final String CHECK_TASKS_7 = "check-tasks-7";
    public static final String CHECK_TASKS_8 = "check-tasks-8";

    /** The channel of a worker's {@code slot}-th pool, counted from 1. */
    public static String taskSlot(int slot) {
        return slot == 1 ? CHECK_TASKS : CHECK_TASKS + "-" + slot;
    }

    /** Check results: outgoing in check-worker, incoming in board-web. */
    public static final String CHECK_RESULTS = "check-results";

    private Channels() {}
}
