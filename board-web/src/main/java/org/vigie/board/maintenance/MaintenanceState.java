package org.vigie.board.maintenance;

import java.util.Locale;

import org.vigie.board.site.i18n.Msg;

/** Where a maintenance window stands, from the clock and "end now". */
public enum MaintenanceState {
    SCHEDULED,
    IN_PROGRESS,
    COMPLETED,
    /** Ended by an admin before its end, and not repeating. */
    ENDED_EARLY;

    /** As the APIs spell it: {@code in-progress}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String label(Msg msg) {
        return switch (this) {
            case SCHEDULED -> msg.maintenance_scheduled();
            case IN_PROGRESS -> msg.maintenance_in_progress();
            case COMPLETED -> msg.maintenance_completed();
            case ENDED_EARLY -> msg.maintenance_ended_early();
        };
    }
}
