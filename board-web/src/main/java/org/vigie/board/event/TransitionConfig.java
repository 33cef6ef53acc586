package org.vigie.board.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many agreeing results move a checked service's status. */
@ConfigMapping(prefix = "vigie.checks")
public interface TransitionConfig {

    /** Consecutive failed checks before a service turns Down; 2 keeps one lost packet off the board. */
    @WithDefault("2")
    int failuresBeforeDown();

    /** Consecutive successful checks before a Down service turns Up again. */
    @WithDefault("1")
    int successesBeforeUp();
}
