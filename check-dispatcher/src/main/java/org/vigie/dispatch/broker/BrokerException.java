package org.vigie.dispatch.broker;

/** The broker could not be reached or refused what the dispatcher asked; the message is for an operator. */
public class BrokerException extends RuntimeException {

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
