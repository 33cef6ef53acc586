package org.vigie.board.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error body of every API, as stashboard's clients expect it: {@code {"error": true, "code": N, "message": "..."}}. */
public record ApiError(boolean error, int code, String message) {

    public static Response response(int code, String message) {
        return Response.status(code)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(true, code, message))
                .build();
    }
}
