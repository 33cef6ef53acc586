package org.vigie.board.web;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The admin API updates with POST (as stashboard's clients send) or PUT (as others expect); both mean the same, so
 * a PUT is taken as a POST before routing and each resource declares its update once.
 */
public class PutAsPost {

    @ServerRequestFilter(preMatching = true)
    public void putAsPost(ContainerRequestContext request) {
        if ("PUT".equals(request.getMethod()) && request.getUriInfo().getPath().startsWith("/admin/api/")) {
            request.setMethod("POST");
        }
    }
}
