package org.vigie.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pool names. A pool is a set of workers that check from one place (a region, an office network, a customer's
 * site); each pool has its own task queue, so a pool's name is part of a queue name and a routing key.
 */
public final class Pools {

    /** The pool of a service that names none, and of a worker started without {@code vigie.worker.pools}. */
    public static final String DEFAULT = "default";

    /** Most pools a service may be checked from, and a worker may serve. */
    public static final int MAX_POOLS = 16;

    public static final int MAX_NAME_LENGTH = 40;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_NAME_LENGTH - 1) + "}");

    private Pools() {}

    /** Not a pool: {@code <tasks-queue>.dlq} is the tasks' dead-letter queue. */
    private static final String RESERVED = "dlq";

    public static boolean isValid(String pool) {
        return pool != null && NAME.matcher(pool).matches() && !RESERVED.equals(pool);
    }

    /** The name, or an {@link IllegalArgumentException} saying what a pool name may be. */
    public static String require(String pool) {
        if (!isValid(pool)) {
            throw new IllegalArgumentException("pool '" + pool + "' is not a pool name: lower-case letters, digits, "
                    + "'-' and '_', starting with a letter or digit, at most " + MAX_NAME_LENGTH + " characters, "
                    + "not '" + RESERVED + "'");
        }
        return pool;
    }

    /**
     * A comma-separated list such as {@code eu-west, office-lan}: trimmed, lower-cased, duplicates dropped, in the
     * given order. Blank means the default pool alone.
     *
     * @throws IllegalArgumentException naming the first bad name, or when there are more than {@link #MAX_POOLS}
     */
    public static List<String> parseList(String list) {
        if (list == null || list.isBlank()) {
            return List.of(DEFAULT);
        }
        Set<String> pools = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String pool = part.trim().toLowerCase(Locale.ROOT);
            if (!pool.isEmpty()) {
                pools.add(require(pool));
            }
        }
        if (pools.isEmpty()) {
            return List.of(DEFAULT);
        }
        if (pools.size() > MAX_POOLS) {
            throw new IllegalArgumentException("at most " + MAX_POOLS + " pools, got " + pools.size());
        }
        return List.copyOf(new ArrayList<>(pools));
    }

    /** The list as stored and shown: comma-separated without spaces. */
    public static String format(List<String> pools) {
        return String.join(",", pools);
    }
}
