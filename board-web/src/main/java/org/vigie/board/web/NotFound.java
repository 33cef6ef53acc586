package org.vigie.board.web;

/** What a request names is not there: a service, status, group, event or token. The API answers 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }

    /** "no service \"mail\"": what was asked for, by its slug. */
    public static NotFound slug(String what, String slug) {
        return new NotFound("no " + what + " \"" + slug + "\"");
    }
}
