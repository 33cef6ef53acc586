package org.vigie.board.admin.ui;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** What the admin pages' form handlers share. */
final class Forms {

    private Forms() {}

    /** After a write the browser goes on with a GET (303): reloading the page does not send the form again. */
    static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    /** A page the write ended on: the form again with its errors (400, 409), or what was not found (404). */
    static Response page(int status, String html) {
        return Response.status(status).entity(html).build();
    }

    /**
     * A form sends every field, so one left out of an edit form means empty (clear it), not "keep its value" as in
     * the API.
     */
    static String sent(String value) {
        return value == null ? "" : value;
    }
}
