package org.vigie.worker.probe;

import java.time.Duration;
import java.util.regex.Pattern;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Searches a {@code regex} condition in a body off the event loop, within a time budget. A backtracking pattern can
 * take minutes on a 64 KiB body ({@code (a+)+$} on a run of {@code a}s ending in {@code !}); on the event loop it
 * would stall every check sharing the loop. Here it runs on a small pool of its own, over a body that gives up once
 * the budget is spent: {@link java.util.regex.Matcher} reads the text only through {@code charAt}, so a deadline
 * checked there ends any pattern. Java's syntax is kept as it is (look-arounds, back-references), which a linear-time
 * engine would refuse in patterns saved before.
 */
final class RegexSearch implements AutoCloseable {

    /** What a search ends with when it did not finish: over budget, or too deep for the thread's stack. */
    enum Failure {
        TOO_LONG,
        TOO_COMPLEX
    }

    /** A search that did not finish; a pattern's fault, not the target's. */
    static final class Unfinished extends RuntimeException {
        final Failure failure;

        Unfinished(Failure failure) {
            super(failure.name(), null, false, false);
            this.failure = failure;
        }
    }

    private static final Unfinished OVER_BUDGET = new Unfinished(Failure.TOO_LONG);

    private final WorkerExecutor pool;
    private final long budgetNanos;

    RegexSearch(Vertx vertx, int threads, Duration budget) {
        // its own pool: searches that spend their whole budget must not hold up dns checks or ping
        this.pool = vertx.createSharedWorkerExecutor("vigie-regex", threads, budget.toNanos() + 1_000_000_000L);
        this.budgetNanos = budget.toNanos();
    }

    /**
     * Whether {@code pattern} is found in {@code body}, on the pool; completes on the caller's context. The search ends
     * at the budget, counted from its start, or at {@code deadline} ({@link System#nanoTime()}), whichever is first,
     * failing with {@link Unfinished}.
     */
    Future<Boolean> find(Pattern pattern, String body, long deadline) {
        return pool.executeBlocking(
                () -> {
                    long end = Math.min(deadline, System.nanoTime() + budgetNanos);
                    try {
                        return pattern.matcher(new Budgeted(body, end)).find();
                    } catch (StackOverflowError e) {
                        throw new Unfinished(Failure.TOO_COMPLEX);
                    }
                },
                false);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The body as the matcher reads it: after the deadline, the next few reads end the search. */
    static final class Budgeted implements CharSequence {

        /** Reads between two looks at the clock: a few microseconds of matching. */
        private static final int CHECK_EVERY = 1 << 10;

        private final CharSequence text;
        private final long deadline;
        private int reads;

        Budgeted(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & (CHECK_EVERY - 1)) == 0 && System.nanoTime() - deadline > 0) {
                throw OVER_BUDGET;
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
