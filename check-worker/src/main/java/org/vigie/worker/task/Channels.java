package org.vigie.worker.task;

/** Names of the messaging channels; their settings are {@code mp.messaging.*.<name>.*} in application.properties. */
public final class Channels {

    /** Incoming: check tasks from the tasks queue. */
    public static final String TASKS = "check-tasks";

    /** Outgoing: check results to the results exchange. */
    public static final String RESULTS = "check-results";

    private Channels() {
    }
}
