package org.vigie.board.event;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When a checked service turns Unknown for want of fresh results ({@link Staleness}). */
@ConfigMapping(prefix = "vigie.unknown")
public interface StalenessConfig {

    /**
     * Check intervals without a stored result before a checked service turns Unknown: 3 lets two checks go missing
     * (a lost task, a worker restart) before the board admits it does not know.
     */
    @WithDefault("3")
    int afterIntervals();

    /**
     * The shortest silence that turns a service Unknown, whatever its interval, so that a broker hiccup does not
     * turn every fast-checked service Unknown. Also the least time board-web waits after its start before it says
     * Unknown: time to drain the results that queued while it was away.
     */
    @WithDefault("90s")
    Duration atLeast();

    /** How often board-web looks for services without fresh results (a duration such as {@code 15s}) or {@code off}. */
    @WithDefault("15s")
    String checkEvery();

    /** Most services turned Unknown in one transaction; more wait for the next round of the same run. */
    @WithDefault("500")
    int batchSize();
}
