package org.vigie.dispatch.schedule;

/**
 * A service whose schedule row this dispatcher has just claimed and moved on.
 *
 * @param serviceId       the service's id
 * @param target          its connection string as stored; null if the service lost its target meanwhile
 * @param intervalSeconds how often it is checked, at least 1
 * @param pools           the pools it is checked from, as stored: comma-separated ({@code org.vigie.check.Pools})
 */
public record ClaimedService(long serviceId, String target, int intervalSeconds, String pools) {}
