package org.vigie.board.event;

import java.sql.SQLException;
import java.util.concurrent.Callable;

import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A transaction of its own, run again when the database chose it as a deadlock's victim. MariaDB and MySQL roll such
 * a transaction back whole and ask for it to be restarted; the sweeps that mark services from several board-webs at
 * once (Unknown, pools) take row locks another sweep or a result batch may take in another order.
 */
public final class Retried {

    private static final Logger LOG = Logger.getLogger(Retried.class);

    /** Tries in all: a deadlock between two sweeps resolves at the first retry; more means something else. */
    private static final int ATTEMPTS = 3;

    private Retried() {}

    public static <T> T transaction(Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                LOG.debugf("a deadlock rolled a transaction back; trying again (%d of %d)", attempt + 1, ATTEMPTS);
            }
        }
    }

    static boolean isDeadlock(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockAcquisitionException
                    || (cause instanceof SQLException sql && "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
