package org.vigie.board.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * CSRF protection of the admin pages' forms: every form carries a hidden {@code csrf-token} field
 * ({@code {inject:adminCsrf.token}} in the templates, the {@code csrf} tag), and a POST to /admin whose field is not
 * the expected token is refused with 403.
 *
 * <ul>
 *   <li>Logged in, the token is the session's own: made at login with the session, inside its encrypted cookie
 *       (AdminSession), so it changes at each login and another session's token is refused.
 *   <li>Not logged in (the login form), it is a random token in an HttpOnly, SameSite=Strict cookie scoped to
 *       /admin (double submit): a page elsewhere can neither read it nor send it. The login removes that cookie.
 * </ul>
 *
 * The bearer API under /admin/api/ takes no cookies and is left alone.
 *
 * <p>Vigie's own rather than quarkus-rest-csrf: that filter refuses every form POST that lacks its cookie, whatever
 * the path, which would refuse stashboard's form-encoded API clients (quarkus issue 53715).
 */
public class AdminCsrf {

    public static final String COOKIE = "vigie-csrf";
    public static final String FIELD = "csrf-token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The current request's token, for the templates. */
    @RequestScoped
    @Named("adminCsrf")
    public static class Token {
        String value;
        boolean fresh;

        public String getToken() {
            if (value == null) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                fresh = true;
            }
            return value;
        }

        public String getFieldName() {
            return FIELD;
        }

        /** The token the browser already holds, or the session's (fields of a client proxy cannot be used: methods only). */
        void adopt(String known) {
            value = known;
        }

        /** A token made for this response: its cookie must be set. */
        String issued() {
            return fresh ? value : null;
        }
    }

    private final Token token;
    private final SecurityIdentity identity;

    public AdminCsrf(Token token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    static boolean guarded(String path) {
        return (path.equals("/admin") || path.startsWith("/admin/")) && !path.startsWith(AdminTokenFilter.ADMIN_API);
    }

    /** readBody: the form is parsed before the filter runs, so the hidden field can be read here. */
    @ServerRequestFilter(readBody = true)
    public Optional<Response> check(ResteasyReactiveContainerRequestContext request) {
        if (!guarded(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        AdminSession session = identity.getAttribute(AdminSession.ATTRIBUTE);
        var cookie = request.getCookies().get(COOKIE);
        String expected = session != null
                ? session.csrf()
                : cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
        if (expected != null) {
            token.adopt(expected);
        }
        if (SAFE.contains(request.getMethod())) {
            return Optional.empty();
        }
        String sent = null;
        MediaType type = request.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(FIELD, true, false);
            sent = field == null ? null : field.toString();
        }
        if (expected == null
                || sent == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.TEXT_HTML_TYPE)
                    .entity(
                            "<!DOCTYPE html><title>Form expired</title><p>This form was not sent from this admin page, "
                                    + "or it has expired. <a href=\"/admin\">Go back to the admin pages</a>, reload and try again.</p>")
                    .build());
        }
        return Optional.empty();
    }

    @ServerResponseFilter
    public void issue(ResteasyReactiveContainerRequestContext request, ContainerResponseContext response) {
        String issued = token.issued();
        if (issued != null && guarded(request.getUriInfo().getPath())) {
            response.getHeaders()
                    .add(HttpHeaders.SET_COOKIE, COOKIE + "=" + issued + "; Path=/admin; HttpOnly; SameSite=Strict");
        }
    }

    /** The Set-Cookie header value that removes the login form's token (at login: the session has its own). */
    public static String clearCookie() {
        return COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict";
    }
}
