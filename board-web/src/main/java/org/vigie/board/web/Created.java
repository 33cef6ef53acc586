package org.vigie.board.web;

import jakarta.ws.rs.core.Response;

/** The API's answer to a create: 201, the new thing, and its public URL as a path (as stashboard answered). */
public final class Created {

    private Created() {}

    public static Response at(String location, Object body) {
        return Response.status(Response.Status.CREATED)
                .header("Location", location)
                .entity(body)
                .build();
    }
}
