package org.vigie.board.fleet;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The fleet page: how board-web reads the workers' heartbeats and judges each pool, {@code vigie.fleet.*}. */
@ConfigMapping(prefix = "vigie.fleet")
public interface FleetConfig {

    /**
     * A worker heard from within this long is live. Default 15s: three heartbeats at the workers' default interval
     * ({@code vigie.worker.heartbeat.interval}, 5s), so that one lost heartbeat does not make a worker look gone.
     */
    @WithDefault("15s")
    Duration liveWithin();

    /** A worker silent this long is forgotten: it leaves the page (a stopped worker's last word stays until then). */
    @WithDefault("2m")
    Duration forgetAfter();

    /**
     * A pool whose oldest task waited longer than this between its issue and its probe is falling behind: its workers
     * do not keep up (or are too few). Default 10s.
     */
    @WithDefault("10s")
    Duration behindAfter();

    /**
     * How long a pool's queue depth and the pools the services name are reused before being read again (the page,
     * the API and the gauges read them). Default 5s.
     */
    @WithDefault("5s")
    Duration cacheFor();

    /**
     * Whether a pool no worker serves turns Unknown at once in the services' verdicts, rather than after its results'
     * silence ({@code org.vigie.board.pool.service.PoolLiveness}). Only once board-web has listened for
     * {@link #liveWithin()} and heard some worker at all: a fleet of workers that send no heartbeat (older than
     * heartbeats) never looks empty. Default true.
     */
    @WithDefault("true")
    boolean unknownWithoutWorker();

    /** How often the gauges are brought up to date (a duration such as {@code 5s}, or {@code off}). */
    @WithDefault("5s")
    String refreshEvery();
}
