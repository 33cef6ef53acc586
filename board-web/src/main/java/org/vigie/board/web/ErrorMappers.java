package org.vigie.board.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The one place where refusals become HTTP statuses, in the API's JSON error body. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidInput e) {
        return ApiError.response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return ApiError.response(404, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        return ApiError.response(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return ApiError.response(400, "the body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) { // how Quarkus REST reports a bad JSON body
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        String message = status == 404
                ? "not found"
                : status == 405
                        ? "method not allowed"
                        : status == 415 ? "unsupported content type: send JSON or a form" : e.getMessage();
        return ApiError.response(status, message);
    }
}
