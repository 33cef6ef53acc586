package org.vigie.board.audit.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.audit.AuditEntry;
import org.vigie.board.audit.AuditLog;
import org.vigie.board.web.InvalidInput;

/** The audit log for the admin API (bearer token), newest first, paged by the previous page's {@code next}. */
@Path("/admin/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: audit log")
@SecurityRequirement(name = "bearer")
public class AuditApi {

    public record EntryJson(
            long id,
            Instant at,
            String actor,
            String actorKind,
            String action,
            String entityType,
            String entityId,
            String summary) {
        static EntryJson of(AuditEntry e) {
            return new EntryJson(e.id, e.at, e.actor, e.actorKind, e.action, e.entityType, e.entityId, e.summary);
        }
    }

    /** {@code next}: the {@code before} of the next (older) page; null on the last one. */
    public record Page(List<EntryJson> entries, Long next) {}

    private final AuditLog log;

    public AuditApi(AuditLog log) {
        this.log = log;
    }

    @GET
    @Operation(
            summary = "Admin changes, newest first: who (admin or token), what, when; ?limit= (1-200, default 50), "
                    + "?before= the previous page's next")
    public Page list(@RestQuery Integer limit, @RestQuery Long before) {
        int size = limit == null ? AuditLog.PAGE : limit;
        if (size < 1 || size > AuditLog.MAX_PAGE) {
            throw new InvalidInput("limit", "limit must be 1 to " + AuditLog.MAX_PAGE);
        }
        List<AuditEntry> entries = log.page(before, size);
        Long next = entries.size() == size ? entries.getLast().id : null;
        return new Page(entries.stream().map(EntryJson::of).toList(), next);
    }
}
