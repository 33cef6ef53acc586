package org.vigie.board.admin.ui;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
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
import org.vigie.board.admin.AdminUser;
import org.vigie.board.admin.AdminUsers;
import org.vigie.board.audit.AuditNote;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The admins and their roles, changed by owners (AdminAccess refuses the writes of the others): add one (with a
 * password typed, or one made here and shown once), change a role, remove; never the last owner. A role change or a
 * removal ends the admin's sessions.
 */
@Path("/admin/admins")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> ROLES =
            List.of(AdminRole.OWNER.label(), AdminRole.EDITOR.label(), AdminRole.VIEWER.label());

    public record AdminItem(long id, String username, String role, String createdAt, boolean you) {}

    /** The add form as sent, to show again with its errors. */
    public record AddForm(String username, String role) {}

    /** An admin just added, with the password made for them (null when the owner typed one). */
    public record Added(String username, String role, String password) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                List<AdminItem> admins,
                List<String> roles,
                boolean owner,
                AddForm form,
                Added added,
                Map<String, String> errors,
                String notice);
    }

    private final AdminUsers users;
    private final SecurityIdentity identity;
    private final AuditNote audit;

    public AdminPages(AdminUsers users, SecurityIdentity identity, AuditNote audit) {
        this.users = users;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    public String list(@RestQuery String notice) {
        return page(new AddForm("", AdminRole.EDITOR.label()), null, Map.of(), Notices.text(notice));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(@RestForm String username, @RestForm String role, @RestForm String password) {
        AddForm form = new AddForm(Forms.sent(username), Forms.sent(role));
        boolean made = password == null || password.isEmpty();
        String initial = made ? newPassword() : password;
        try {
            AdminUser user = users.add(username, AdminRole.parse(role).orElse(null), initial);
            audit.say(user.username, "added admin " + user.username + " as " + user.role.label());
            // A password made here is in this response only: no redirect, and no caching.
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            Added added = new Added(user.username, user.role.label(), made ? initial : null);
            return Response.ok(page(new AddForm("", AdminRole.EDITOR.label()), added, Map.of(), null))
                    .cacheControl(noStore)
                    .build();
        } catch (InvalidInput e) {
            return Forms.page(400, page(form, null, e.errors(), null));
        } catch (Conflict e) {
            return Forms.page(409, page(form, null, Map.of("username", e.getMessage()), null));
        }
    }

    @POST
    @Path("{id}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeRole(@PathParam("id") long id, @RestForm String role) {
        try {
            AdminRole to = AdminRole.parse(role).orElse(null);
            AdminUsers.RoleChange change = users.changeRole(id, to);
            String name = change.username();
            audit.say(
                    name,
                    change.changed()
                            ? "made admin " + name + " " + to.label() + " (their sessions ended)"
                            : "left admin " + name + " " + to.label() + " (unchanged)");
            return Forms.seeOther("/admin/admins?notice=role-changed");
        } catch (InvalidInput e) {
            return Forms.page(400, page(null, null, e.errors(), null));
        } catch (Conflict e) {
            return Forms.page(409, page(null, null, Map.of("admins", e.getMessage()), null));
        } catch (NotFound e) {
            return Forms.page(404, page(null, null, Map.of("admins", e.getMessage()), null));
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") long id) {
        try {
            String name = users.remove(id);
            audit.say(name, "removed admin " + name);
            return Forms.seeOther("/admin/admins?notice=admin-removed");
        } catch (Conflict e) {
            return Forms.page(409, page(null, null, Map.of("admins", e.getMessage()), null));
        } catch (NotFound e) {
            return Forms.page(404, page(null, null, Map.of("admins", e.getMessage()), null));
        }
    }

    private String page(AddForm form, Added added, Map<String, String> errors, String notice) {
        String me = identity.getPrincipal().getName();
        List<AdminItem> admins = users.list().stream()
                .map(u ->
                        new AdminItem(u.id, u.username, u.role.label(), UTC.format(u.createdAt), u.username.equals(me)))
                .toList();
        return Templates.list(
                        admins,
                        ROLES,
                        identity.hasRole(AdminRole.OWNER.label()),
                        form == null ? new AddForm("", AdminRole.EDITOR.label()) : form,
                        added,
                        errors,
                        notice)
                .render();
    }

    /** 18 random bytes, base64url: 24 characters, above the minimum length. */
    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
