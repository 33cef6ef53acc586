package org.vigie.board.pool.service;

/**
 * Whether a pool has a live worker, as the fleet's heartbeats tell. A pool the fleet knows to have no live worker says
 * Unknown at once, without waiting for its results to go stale.
 */
public interface PoolLiveness {

    /**
     * True only when the fleet is sure: it has listened for heartbeats long enough and heard none from a worker of
     * {@code pool} lately. False when it cannot tell.
     */
    boolean hasNoLiveWorker(String pool);
}
