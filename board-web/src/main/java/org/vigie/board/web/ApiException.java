package org.vigie.board.web;

/**
 * A request a resource refuses for a reason of its own, with the HTTP status (e.g. a query parameter out of range).
 * What the services refuse are domain errors instead: {@link NotFound}, {@link Conflict}, {@link InvalidInput}.
 */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }
}
