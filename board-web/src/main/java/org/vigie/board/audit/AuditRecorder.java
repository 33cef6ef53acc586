package org.vigie.board.audit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.vigie.board.admin.AdminAccess;
import org.vigie.board.admin.AdminActor;
import org.vigie.board.site.snapshot.FreshCopies;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;

/**
 * Records every admin change in the audit log, in one place: each write to an admin route (pages and API) that
 * succeeded (2xx, or a page's redirect with its notice), with its actor (AdminAccess left it on the request), the route's area and the id or slug it
 * names. Logging in and out are not changes and are left out; refused and failed writes changed nothing.
 *
 * <p>It runs once the resource has returned, so its change has committed: the entry is written in a transaction of
 * its own, just after. A crash between the two loses the entry, never records a change that did not happen. A write
 * of the entry that fails is logged and does not fail the response (the change is made).
 */
public class AuditRecorder {

    private static final Logger LOG = Logger.getLogger(AuditRecorder.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> NOT_CHANGES = Set.of("/admin/login", "/admin/logout");
    /** Areas that are one thing: a write to them updates it. */
    private static final Set<String> SINGLE = Set.of("settings", "password", "board-file");
    /** One name per area, whichever side (page or API) changed it. */
    private static final Map<String, String> AREA_NAMES = Map.of("service-lists", "groups");

    private final AuditLog log;
    private final AuditNote note;
    private final FreshCopies freshCopies;

    public AuditRecorder(AuditLog log, AuditNote note, FreshCopies freshCopies) {
        this.log = log;
        this.note = note;
        this.freshCopies = freshCopies;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (SAFE.contains(request.getMethod())
                || response.getStatus() >= 400
                || resource == null
                || resource.getResourceMethod() == null
                || !(request.getProperty(AdminActor.PROPERTY) instanceof AdminActor actor)) {
            return Uni.createFrom().voidItem();
        }
        String template = AdminAccess.template(resource.getResourceClass(), resource.getResourceMethod());
        if (NOT_CHANGES.contains(template) || !template.startsWith("/admin") || redirectedEmptyHanded(response)) {
            return Uni.createFrom().voidItem();
        }
        freshCopies.changed(); // the public pages built before this change are not served again
        AuditLog.Change change = change(request, response, actor, template);
        if (!Context.isOnEventLoopThread()) {
            write(change);
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom() // a non-blocking route (the password page): the database is written off the event loop
                .<Void>item(() -> {
                    write(change);
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void write(AuditLog.Change change) {
        try {
            log.record(change);
        } catch (RuntimeException e) {
            LOG.errorf(e, "The audit log missed a change: %s", change);
        }
    }

    private AuditLog.Change change(
            ContainerRequestContext request, ContainerResponseContext response, AdminActor actor, String template) {
        String rest = template.startsWith("/admin/api/v1/")
                ? template.substring("/admin/api/v1/".length())
                : template.substring(Math.min(template.length(), "/admin/".length()));
        String[] segments = rest.split("/");
        String rawArea = segments[0].isEmpty() ? "admin" : segments[0];
        String area = AREA_NAMES.getOrDefault(rawArea, rawArea);
        var parameters = request.getUriInfo().getPathParameters();
        String entityId = null;
        List<String> words = new ArrayList<>();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                if (entityId == null) {
                    entityId = parameters.getFirst(
                            s.substring(1, s.length() - 1).split(":")[0].trim());
                }
            } else if (entityId != null) {
                words.add(s);
            }
        }
        String method = request.getMethod();
        String action;
        if (!words.isEmpty()) {
            action = String.join(" ", words);
        } else if (method.equals("DELETE")) {
            action = "delete";
        } else if (entityId == null && !SINGLE.contains(area)) {
            action = "create";
        } else {
            action = "update";
        }
        if (entityId == null) {
            entityId = createdId(response, rawArea);
        }
        String summary = method + " " + request.getUriInfo().getPath();
        if (note.summary() != null) {
            summary = note.summary();
            entityId = note.entityId() != null ? note.entityId() : entityId;
        }
        return new AuditLog.Change(actor.name(), actor.kind().name(), action, area, entityId, summary);
    }

    /**
     * The pages' convention: a form whose change was made redirects with a notice ({@code ?notice=saved}, Notices);
     * one that found nothing to change (deleted meanwhile) goes back to its list without one.
     */
    private static boolean redirectedEmptyHanded(ContainerResponseContext response) {
        if (response.getStatus() < 300) {
            return false;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        return location == null || !location.toString().contains("notice=");
    }

    /** A create names its new row only in where it sends the client: the segment after the area in Location. */
    private static String createdId(ContainerResponseContext response, String rawArea) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return null;
        }
        String path = URI.create(location.toString()).getPath();
        if (path == null) {
            return null;
        }
        String[] segments = path.split("/");
        for (int i = 0; i + 1 < segments.length; i++) {
            if (segments[i].equals(rawArea) && !segments[i + 1].isEmpty()) {
                return segments[i + 1];
            }
        }
        return null;
    }
}
