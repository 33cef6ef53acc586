package org.vigie.board.site.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * CORS for what other sites read: the read API ({@code /api/v1/...}), the feeds, the badges and
 * {@code /status.json}. Any origin may read them (they are public and take no credentials); a preflight
 * {@code OPTIONS} is answered here. The admin side ({@code /admin/...}) gets none of it.
 */
public class PublicCors {

    static final String METHODS = "GET, HEAD, OPTIONS";

    /** The public reads other sites may fetch (also what {@code snapshot/StaleAnswers} answers for). */
    public static boolean shared(String path) {
        if (path == null) {
            return false;
        }
        return path.startsWith("/api/v1/")
                || path.equals("/api/v1")
                || path.equals("/rss")
                || path.equals("/feed")
                || path.startsWith("/badge/")
                || path.equals("/status.json");
    }

    @ServerRequestFilter(preMatching = true)
    public Response preflight(ContainerRequestContext request) {
        if (!"OPTIONS".equals(request.getMethod())
                || !shared(request.getUriInfo().getPath())) {
            return null;
        }
        Response.ResponseBuilder ok = Response.noContent()
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", METHODS)
                .header("Access-Control-Max-Age", "86400")
                .header("Allow", METHODS);
        String headers = request.getHeaderString("Access-Control-Request-Headers");
        if (headers != null && !headers.isBlank()) {
            ok.header("Access-Control-Allow-Headers", headers);
        }
        return ok.build();
    }

    @ServerResponseFilter
    public void allow(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (("GET".equals(method) || "HEAD".equals(method))
                && shared(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "Content-Type, Content-Language");
        }
    }
}
