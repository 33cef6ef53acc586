package org.vigie.board.result;

import java.sql.SQLException;

/**
 * Tells a result that can never be stored from a write that failed for now. Only data errors are permanent: a
 * value the columns refuse (SQL state class 22) or a constraint other than a duplicate key (class 23). Everything
 * else (database unreachable, deadlock, lock wait timeout, a second board-web inserting the same row first) is
 * retried, so no result is given up on while the database is merely away.
 */
final class StoreFailures {

    /** MySQL and MariaDB's duplicate key: another board-web stored the same row; the retry finds it stored. */
    private static final int DUPLICATE_KEY = 1062;

    private StoreFailures() {}

    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("22")) {
                    return true;
                }
                if (state.startsWith("23")) {
                    return sql.getErrorCode() != DUPLICATE_KEY;
                }
            }
        }
        return false;
    }

    /** One line for logs and dead-letter headers: the deepest message, which names the column or constraint. */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
