package org.vigie.board.site.snapshot;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.hibernate.exception.JDBCConnectionException;

/** Tells a database that cannot be reached from any other failure, whatever wraps it. */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * Whether the failure, or one of its causes, says the database cannot be reached: no connection could be made
     * (the driver's connection errors, SQL state class 08, Hibernate's {@link JDBCConnectionException}), a
     * connection died under a query (MySQL Connector/J's CommunicationsException is a
     * {@link SQLRecoverableException}), or the pool gave none in time (Agroal's acquisition timeout, an
     * {@link SQLException} caused by a {@link TimeoutException}). Wrappers vary with the path (the board's
     * {@code IllegalStateException}, Hibernate's and JPA's exceptions, the transaction's), so the whole chain is read.
     */
    public static boolean unreachable(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                            || sql.getCause() instanceof TimeoutException)) {
                return true;
            }
        }
        return false;
    }
}
