package org.vigie.board.admin;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.vigie.board.web.ApiError;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who may change what, in one place, for every admin route of the pages and of the API: reading (GET, HEAD) needs
 * any role; a write needs the role of the route's area (below); any other write, including every route added later
 * and not listed here, needs an owner. Keyed by the matched route's template (the resource's {@code @Path}s), not by
 * the request's raw path, so no spelling of a path reaches a route under another area's rule. A refused write
 * answers 403 saying which role it needs.
 *
 * <p>Runs after AdminTokenFilter (which names the token and its role) and before the resource; for the pages, the
 * role comes from the session's identity (AdminSessionProvider). It leaves the request's AdminActor for the audit
 * log.
 */
public class AdminAccess {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** Writes any admin may make: their own login, logout and password. */
    private static final Set<String> OWN = Set.of("/admin/login", "/admin/logout", "/admin/password");

    /** The areas editors may change: services (their events too), groups, incidents, maintenance. */
    private static final List<String> EDITOR_AREAS = List.of(
            "/admin/services",
            "/admin/groups",
            "/admin/incidents",
            "/admin/maintenance",
            "/admin/api/v1/services",
            "/admin/api/v1/service-lists",
            "/admin/api/v1/incidents",
            "/admin/api/v1/maintenance");

    private static final Map<Method, String> TEMPLATES = new ConcurrentHashMap<>();

    private final SecurityIdentity identity;

    public AdminAccess(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Routes that come before any session: the login form, and single sign-on's return (SsoPage). */
    private static final Set<String> BEFORE_LOGIN = Set.of("/admin/login", "/admin/sso/login");

    /** The role a request needs: empty when it needs none (the login routes, which have no session yet). */
    public static Optional<AdminRole> needed(String method, String template) {
        if (SAFE.contains(method) || OWN.contains(template)) {
            return BEFORE_LOGIN.contains(template) ? Optional.empty() : Optional.of(AdminRole.VIEWER);
        }
        for (String area : EDITOR_AREAS) {
            if (template.equals(area) || template.startsWith(area + "/")) {
                return Optional.of(AdminRole.EDITOR);
            }
        }
        return Optional.of(AdminRole.OWNER);
    }

    /** A resource method's route: its class's {@code @Path} and its own, joined as the router joins them. */
    public static String template(Class<?> resource, Method method) {
        return TEMPLATES.computeIfAbsent(method, m -> {
            Path onClass = resource.getAnnotation(Path.class);
            Path onMethod = m.getAnnotation(Path.class);
            String joined =
                    (onClass == null ? "" : "/" + onClass.value()) + (onMethod == null ? "" : "/" + onMethod.value());
            String path = joined.replaceAll("/+", "/");
            return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        });
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return Optional.empty();
        }
        boolean api = path.startsWith(AdminTokenFilter.ADMIN_API);
        AdminActor actor = api ? (AdminActor) request.getProperty(AdminActor.PROPERTY) : sessionActor();
        if (actor != null) {
            request.setProperty(AdminActor.PROPERTY, actor);
        }
        String template = resource == null || resource.getResourceMethod() == null
                ? path
                : template(resource.getResourceClass(), resource.getResourceMethod());
        Optional<AdminRole> needed = needed(request.getMethod(), template);
        if (needed.isEmpty() || (actor != null && actor.role().covers(needed.get()))) {
            return Optional.empty();
        }
        String message = actor == null
                ? "not logged in"
                : "your role, " + actor.role().label() + ", cannot make this change: it needs "
                        + (needed.get() == AdminRole.OWNER ? "an owner" : "an editor or an owner");
        if (api) {
            return Optional.of(ApiError.response(403, message));
        }
        return Optional.of(Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(message).render())
                .build());
    }

    private AdminActor sessionActor() {
        if (identity.isAnonymous()) {
            return null;
        }
        for (AdminRole role : AdminRole.values()) {
            if (identity.hasRole(role.label())) {
                return new AdminActor(
                        AdminActor.Kind.ADMIN, identity.getPrincipal().getName(), role);
            }
        }
        return null;
    }

    /** A page of its own, without the admin layout: this request's CSRF token is not known yet. */
    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String message);
    }
}
