package org.vigie.board.admin.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.AdminRole;
import org.vigie.board.admin.ApiToken;
import org.vigie.board.admin.ApiTokens;
import org.vigie.board.audit.AuditNote;
import org.vigie.board.web.InvalidInput;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin page for API tokens: create one (shown once, never again) and revoke. */
@Path("/admin/tokens")
@Produces(MediaType.TEXT_HTML)
public class TokenPages {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                List<TokenItem> tokens, String created, String createdName, Map<String, String> errors, String notice);
    }

    public record TokenItem(
            long id, String name, String role, String prefix, String createdAt, String lastUsedAt, String revokedAt) {
        static TokenItem of(ApiToken t) {
            return new TokenItem(
                    t.id,
                    t.name,
                    t.role.label(),
                    t.tokenPrefix,
                    time(t.createdAt),
                    time(t.lastUsedAt),
                    time(t.revokedAt));
        }
    }

    private final ApiTokens tokens;
    private final AuditNote audit;

    public TokenPages(ApiTokens tokens, AuditNote audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    public String list(@RestQuery String notice) {
        return page(null, null, Map.of(), Notices.text(notice));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String name, @RestForm String role) {
        try {
            ApiTokens.Created created = tokens.create(name, role == null ? AdminRole.OWNER.label() : role);
            audit.say(
                    Long.toString(created.row().id),
                    "created token " + created.row().name + " ("
                            + created.row().role.label() + ")");
            // The token is in this response only: no redirect (it would have to carry it), and no caching.
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(page(created.token(), created.row().name, Map.of(), null))
                    .cacheControl(noStore)
                    .build();
        } catch (InvalidInput e) {
            return Forms.page(400, page(null, null, e.errors(), null));
        }
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") long id) {
        return Forms.seeOther(tokens.revoke(id) ? "/admin/tokens?notice=revoked" : "/admin/tokens");
    }

    private String page(String created, String createdName, Map<String, String> errors, String notice) {
        return Templates.list(tokens.list().stream().map(TokenItem::of).toList(), created, createdName, errors, notice)
                .render();
    }

    private static String time(Instant t) {
        return t == null ? "" : UTC.format(t);
    }
}
