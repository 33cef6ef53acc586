package org.vigie.board.admin.ui;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.audit.AuditEntry;
import org.vigie.board.audit.AuditLog;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The audit log's page: admin changes, newest first, {@link AuditLog#PAGE} a page. */
@Path("/admin/audit")
@Produces(MediaType.TEXT_HTML)
public class AuditPages {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public record Row(String at, String actor, boolean token, String action, String entity, String summary) {
        static Row of(AuditEntry e) {
            return new Row(
                    UTC.format(e.at),
                    e.actor,
                    "TOKEN".equals(e.actorKind),
                    e.action,
                    e.entityId == null ? e.entityType : e.entityType + " " + e.entityId,
                    e.summary);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Row> rows, Long next, boolean first);
    }

    private final AuditLog log;

    public AuditPages(AuditLog log) {
        this.log = log;
    }

    @GET
    public String list(@RestQuery Long before) {
        List<AuditEntry> entries = log.page(before, AuditLog.PAGE);
        Long next = entries.size() == AuditLog.PAGE ? entries.getLast().id : null;
        return Templates.list(entries.stream().map(Row::of).toList(), next, before == null)
                .render();
    }
}
