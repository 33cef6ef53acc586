package org.vigie.check;

/** A connection string that cannot be checked; the message says what is wrong, in words an operator can act on. */
public class InvalidTargetException extends IllegalArgumentException {

    public InvalidTargetException(String message) {
        super(message);
    }
}
