package org.vigie.dispatch.broker;

/** The dispatcher's messaging channel names, as used in {@code mp.messaging.*} settings. */
public final class Channels {

    /** Outgoing: check tasks, to the tasks exchange, with publisher confirms. */
    public static final String TASKS = "tasks";

    private Channels() {
    }
}
