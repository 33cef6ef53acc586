package org.vigie.worker.probe;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** A probe reached its deadline. */
public class ProbeTimeoutException extends TimeoutException {

    public ProbeTimeoutException(Duration timeout) {
        super(Reasons.timedOut(timeout));
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // an expected outcome of a check, not a bug: the stack says nothing
        return this;
    }
}
