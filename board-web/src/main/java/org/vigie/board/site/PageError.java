package org.vigie.board.site;

/** A public page that cannot be shown: 404 or 400, with a message in the visitor's language. */
public class PageError extends RuntimeException {

    private final int status;

    public PageError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
