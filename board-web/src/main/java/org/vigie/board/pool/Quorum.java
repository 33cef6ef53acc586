package org.vigie.board.pool;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.vigie.board.status.Status;

/**
 * The verdict over a service's pools. With {@code n} pools reporting and a quorum {@code k} (default a majority,
 * {@code n / 2 + 1}; 1 means any pool):
 * <ol>
 * <li>Down when at least {@code k} pools say Down;</li>
 * <li>else Warning when at least {@code k} say Down or Warning;</li>
 * <li>else Unknown when the silent pools could make up a quorum with those: the board cannot rule a problem out;</li>
 * <li>else Up.</li>
 * </ol>
 * A pool yet to report (a service just added, a pool just named) is left out until it does or falls silent. The
 * message says which pools agreed: {@code down from eu-west and us-east: connection refused; up from office-lan}.
 */
public final class Quorum {

    /** What a pool says, worst last. */
    public enum Say {
        UP("up", Status.UP),
        WARNING("warning", Status.WARNING),
        UNKNOWN("no result", Status.UNKNOWN),
        DOWN("down", Status.DOWN);

        final String words;

        /** The slug of the board's status for it. */
        public final String statusSlug;

        Say(String words, String statusSlug) {
            this.words = words;
            this.statusSlug = statusSlug;
        }
    }

    /**
     * One pool's word: its debounced outcome, or Unknown when silent.
     *
     * @param reason       the pool's last reason, or why it is silent; admins read it
     * @param publicReason what the public reads instead
     */
    public record PoolWord(String pool, Say say, String reason, String publicReason) {}

    /** The verdict, with the words for admins and for the public. */
    public record Verdict(Say say, String message, String publicMessage) {}

    private Quorum() {}

    /** The quorum of {@code pools} pools: {@code configured} clamped to 1..n, or a majority when null. */
    public static int of(Integer configured, int pools) {
        int n = Math.max(1, pools);
        return configured == null ? n / 2 + 1 : Math.max(1, Math.min(n, configured));
    }

    /** The verdict over the reporting pools, with the quorum set for the service ({@code null}: a majority). */
    public static Verdict decide(List<PoolWord> words, Integer configuredQuorum) {
        if (words.isEmpty()) {
            return new Verdict(Say.UNKNOWN, "no pool has reported", "no result");
        }
        int k = of(configuredQuorum, words.size());
        Map<Say, Integer> counts = new EnumMap<>(Say.class);
        words.forEach(w -> counts.merge(w.say(), 1, Integer::sum));
        int down = counts.getOrDefault(Say.DOWN, 0);
        int warning = counts.getOrDefault(Say.WARNING, 0);
        int unknown = counts.getOrDefault(Say.UNKNOWN, 0);
        Say say;
        if (down >= k) {
            say = Say.DOWN;
        } else if (down + warning >= k) {
            say = Say.WARNING;
        } else if (down + warning + unknown >= k) {
            say = Say.UNKNOWN;
        } else {
            say = Say.UP;
        }
        return new Verdict(say, message(words, say, PoolWord::reason), message(words, say, PoolWord::publicReason));
    }

    /** The pools grouped by what they say, the verdict's group first, then the worst: each group with its reason. */
    private static String message(List<PoolWord> words, Say verdict, Function<PoolWord, String> reasonOf) {
        Map<Say, List<PoolWord>> groups = new LinkedHashMap<>();
        groups.put(verdict, new ArrayList<>());
        for (Say say : new Say[] {Say.DOWN, Say.UNKNOWN, Say.WARNING, Say.UP}) {
            groups.putIfAbsent(say, new ArrayList<>());
        }
        words.forEach(w -> groups.get(w.say()).add(w));
        List<String> parts = new ArrayList<>();
        groups.forEach((say, group) -> {
            if (group.isEmpty()) {
                return;
            }
            String part = say.words + " from " + names(group);
            String reason = reasonOf.apply(group.get(0));
            if (reason != null && !reason.isBlank() && !reason.equals(say.words)) {
                part += ": " + reason;
            }
            parts.add(part);
        });
        return String.join("; ", parts);
    }

    private static String names(List<PoolWord> group) {
        List<String> names = group.stream().map(PoolWord::pool).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
