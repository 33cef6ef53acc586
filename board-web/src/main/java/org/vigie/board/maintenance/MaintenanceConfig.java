package org.vigie.board.maintenance;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scheduled maintenance: how far ahead the board announces windows, and how often board-web looks at them. */
@ConfigMapping(prefix = "vigie.maintenance")
public interface MaintenanceConfig {

    /** Windows starting within this long are shown on the board, the status JSON and the API ahead of time. */
    @WithDefault("7d")
    Duration upcomingWithin();

    /**
     * How often the sweep gives services their Maintenance event at a window's start and their checked status back
     * at its end (read by the scheduler itself, as {@code vigie.maintenance.sweep-every}).
     */
    @WithDefault("5s")
    Duration sweepEvery();

    /** How long the windows read for the result store and the board are reused before being read again. */
    @WithDefault("2s")
    Duration cacheFor();
}
