package org.vigie.board.fleet.service;

import java.util.List;

/**
 * The fleet now: every pool in use or served, every worker heard and not yet forgotten.
 *
 * @param heardLongEnough board-web has listened for heartbeats at least {@code vigie.fleet.live-within}: before
 *                        that, a pool without a live worker may only not have been heard yet
 */
public record FleetView(boolean heardLongEnough, List<PoolView> pools, List<WorkerView> workers) {}
