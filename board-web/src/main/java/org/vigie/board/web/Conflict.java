package org.vigie.board.web;

/** A change the current state refuses: a slug already taken, a status still in use. The API answers 409. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
