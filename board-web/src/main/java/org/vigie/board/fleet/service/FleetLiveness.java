package org.vigie.board.fleet.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.fleet.FleetConfig;
import org.vigie.board.pool.service.PoolLiveness;

/**
 * What the pools' verdicts ask the fleet: is a pool sure to have nobody checking for it? Only once board-web has
 * listened for heartbeats long enough ({@link FleetService#hasHeardLongEnough()}: right after a start it has heard
 * nobody yet) and heard some worker at all (workers older than heartbeats send none), and only when no worker of the
 * pool was heard within {@code vigie.fleet.live-within}; never when {@code vigie.fleet.unknown-without-worker} is off. A draining
 * worker still counts here: it finishes and reports the checks it has, and a worker restarted by its service manager
 * drains before its successor starts; should none follow, its pool falls silent the usual way.
 */
@ApplicationScoped
public class FleetLiveness implements PoolLiveness {

    private final FleetService fleet;
    private final boolean enabled;

    FleetLiveness(FleetService fleet, FleetConfig config) {
        this.fleet = fleet;
        this.enabled = config.unknownWithoutWorker();
    }

    @Override
    public boolean hasNoLiveWorker(String pool) {
        return enabled && fleet.hasHeardAnyWorker() && fleet.hasHeardLongEnough() && !fleet.hasWorkerHeard(pool);
    }
}
