package org.vigie.board.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.vigie.board.web.ApiError;

/**
 * Guards the admin API ({@code /admin/api/}) with bearer tokens: one created on /admin/tokens (looked up by its
 * hash; revoked ones refused) or the configured {@code vigie.admin.api-token}. A login session is not enough here:
 * the API takes no cookies, so it needs no CSRF token either. Runs after matching, on the worker thread of the
 * (blocking) endpoint, since the lookup reads the database. A valid token's name and role become the request's
 * AdminActor (the configured token: an owner), which AdminAccess then checks against the route.
 */
public class AdminTokenFilter {

    static final String ADMIN_API = "/admin/api/";

    private final AdminConfig config;
    private final ApiTokens tokens;

    public AdminTokenFilter(AdminConfig config, ApiTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /** The configured token's name in the audit log. */
    public static final String CONFIGURED = "vigie.admin.api-token";

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> checkToken(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(ADMIN_API)) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(unauthorized("missing bearer token"));
        }
        String given = header.substring(7).trim();
        if (config.apiToken().isPresent()
                && !config.apiToken().get().isBlank()
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8),
                        config.apiToken().get().getBytes(StandardCharsets.UTF_8))) {
            // constant time: the comparison leaks no prefix
            request.setProperty(
                    AdminActor.PROPERTY, new AdminActor(AdminActor.Kind.TOKEN, CONFIGURED, AdminRole.OWNER));
            return Optional.empty();
        }
        ApiTokens.Checked checked = tokens.check(given);
        return switch (checked.check()) {
            case VALID -> {
                request.setProperty(
                        AdminActor.PROPERTY, new AdminActor(AdminActor.Kind.TOKEN, checked.name(), checked.role()));
                yield Optional.empty();
            }
            case REVOKED -> Optional.of(unauthorized("revoked bearer token"));
            case UNKNOWN -> Optional.of(unauthorized("invalid bearer token"));
        };
    }

    private static Response unauthorized(String message) {
        Response error = ApiError.response(401, message);
        return Response.fromResponse(error)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"vigie\"")
                .build();
    }
}
