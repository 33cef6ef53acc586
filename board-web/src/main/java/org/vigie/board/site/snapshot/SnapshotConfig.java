package org.vigie.board.site.snapshot;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The last good copy of each public page, feed and API answer, served while the database is unreachable
 * ({@link LastGoodPages}). Kept in memory: a restarted board-web has none until it has answered again.
 */
@ConfigMapping(prefix = "vigie.snapshot")
public interface SnapshotConfig {

    /** Whether public answers are kept and served stale while the database is away. */
    @WithDefault("true")
    boolean enabled();

    /** The most answers kept (one per address, language and time zone); the least recently used go first. */
    @WithDefault("500")
    int maxEntries();

    /** The most bytes of bodies kept; an answer larger than a quarter of it is not kept. */
    @WithDefault("64M")
    MemorySize maxBytes();
}
