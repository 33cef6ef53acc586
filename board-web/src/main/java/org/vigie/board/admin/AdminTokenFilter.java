package org.vigie.board.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.vigie.board.admin.config.AdminConfig;
import org.vigie.board.api.ApiError;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Guards the admin API with the configured bearer token. */
public class AdminTokenFilter {

    static final String ADMIN_API = "/admin/api/";

    private final AdminConfig config;

    public AdminTokenFilter(AdminConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> checkToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(ADMIN_API)) {
            return Optional.empty();
        }
        if (config.apiToken().isEmpty()) {
            return Optional.of(ApiError.response(401, "the admin API is off: set vigie.admin.api-token to turn it on"));
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("missing bearer token"));
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = config.apiToken().get().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, expected)) { // constant time: the comparison leaks no prefix
            return Optional.of(unauthorized("invalid bearer token"));
        }
        return Optional.empty();
    }

    private static Response unauthorized(String message) {
        Response error = ApiError.response(401, message);
        return Response.fromResponse(error).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigie\"").build();
    }
}
