package org.vigie.worker.task;

/** A task message that cannot be read as a {@link org.vigie.check.CheckTask}; it goes to the dead-letter queue. */
public class MalformedTaskException extends RuntimeException {

    public MalformedTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
