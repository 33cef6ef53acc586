package org.vigie.board.board.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the public board shows. */
@ConfigMapping(prefix = "vigie.board")
public interface BoardConfig {

    /** The board's title, on every page. */
    @WithDefault("Vigie")
    String name();

    /** How many events a service page lists. */
    @WithDefault("50")
    int eventsPerPage();
}
