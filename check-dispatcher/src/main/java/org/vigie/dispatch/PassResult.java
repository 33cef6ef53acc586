package org.vigie.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one pass did.
 *
 * @param dispatched     tasks published and confirmed
 * @param skipped        services claimed but not sent, by reason (their schedule still moved on)
 * @param putBack        services whose task was certainly not sent: due again at once
 * @param unconfirmed    tasks sent but not confirmed in time: perhaps in the queue, their services wait an interval
 * @param publishProblem why publishing failed, or null
 * @param took           how long the pass took
 * @param backlog        when the pass stopped because a pool's queue held {@code vigie.dispatch.max-queued} tasks
 *                       waiting for a worker: how many; else 0 (the services left stay due)
 */
public record PassResult(
        int dispatched,
        Map<String, Integer> skipped,
        int putBack,
        int unconfirmed,
        String publishProblem,
        Duration took,
        long backlog) {

    public PassResult {
        skipped = Map.copyOf(skipped);
    }

    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether the pass stopped early because the workers had not taken what was queued. */
    public boolean paced() {
        return backlog > 0;
    }

    public boolean publishFailed() {
        return publishProblem != null;
    }

    /** The line `once` prints, e.g. {@code dispatched 12 checks, 1 skipped (bad connection string) in 84 ms}. */
    public String summary() {
        StringBuilder s =
                new StringBuilder("dispatched ").append(dispatched).append(dispatched == 1 ? " check" : " checks");
        int skippedCount = skippedCount();
        s.append(", ").append(skippedCount).append(" skipped");
        if (skippedCount > 0) {
            String reasons = skipped.size() == 1
                    ? skipped.keySet().iterator().next()
                    : skipped.entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", "));
            s.append(" (").append(reasons).append(')');
        }
        if (paced()) {
            s.append(", paced: ").append(backlog).append(" tasks wait for a worker, the other due services stay due");
        }
        return s.append(" in ").append(took.toMillis()).append(" ms").toString();
    }
}
