package org.vigie.board.admin.ui;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.AdminSessions;
import org.vigie.board.admin.AdminUsers;
import org.vigie.board.admin.Logins;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The logged-in admin's own password. Changing it ends every other session of that admin (their cookies carry the
 * old session version); this browser gets a new session. The current password is checked as a login is: throttled,
 * off the event loop, outside any transaction.
 */
@Path("/admin/password")
@Produces(MediaType.TEXT_HTML)
public class PasswordPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String username, Map<String, String> errors, String notice, int minLength);
    }

    private final SecurityIdentity identity;
    private final Logins logins;
    private final AdminSessions sessions;

    public PasswordPage(SecurityIdentity identity, Logins logins, AdminSessions sessions) {
        this.identity = identity;
        this.logins = logins;
        this.sessions = sessions;
    }

    @GET
    public TemplateInstance form(@RestQuery String notice) {
        return Templates.form(
                identity.getPrincipal().getName(), Map.of(), Notices.text(notice), AdminUsers.MIN_PASSWORD_LENGTH);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> change(
            @RestForm String current,
            @RestForm String password,
            @RestForm String repeat,
            @Context HttpServerRequest request) {
        String username = identity.getPrincipal().getName();
        Map<String, String> errors = new LinkedHashMap<>();
        if (current == null || current.isEmpty()) {
            errors.put("current", "current password is required");
        }
        if (!AdminUsers.validPassword(password)) {
            errors.put("password", "password must be at least " + AdminUsers.MIN_PASSWORD_LENGTH + " characters");
        } else if (!password.equals(repeat)) {
            errors.put("repeat", "repeat: the two new passwords differ");
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(page(400, username, errors));
        }
        var context = Vertx.currentContext();
        return Uni.createFrom()
                .completionStage(
                        () -> logins.changePassword(LoginPage.clientAddress(request), username, current, password))
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .map(outcome -> switch (outcome) {
                    case Logins.Accepted accepted ->
                        Response.seeOther(URI.create("/admin/password?notice=password-changed"))
                                .header(HttpHeaders.SET_COOKIE, sessions.setCookie(accepted.session()))
                                .build();
                    case Logins.Wrong wrong ->
                        page(400, username, Map.of("current", "current password: wrong password"));
                    case Logins.Throttled throttled ->
                        Response.fromResponse(page(
                                        429,
                                        username,
                                        Map.of(
                                                "current",
                                                "too many wrong passwords: try again in "
                                                        + LoginPage.spoken(throttled.retryAfter()))))
                                .header(
                                        HttpHeaders.RETRY_AFTER,
                                        throttled.retryAfter().toSeconds())
                                .build();
                    case Logins.Busy busy ->
                        Response.fromResponse(page(
                                        503,
                                        username,
                                        Map.of(
                                                "current",
                                                "the board is checking too many passwords at once: try again in "
                                                        + LoginPage.spoken(busy.retryAfter()))))
                                .header(
                                        HttpHeaders.RETRY_AFTER,
                                        busy.retryAfter().toSeconds())
                                .build();
                });
    }

    private static Response page(int status, String username, Map<String, String> errors) {
        return Forms.page(
                status,
                Templates.form(username, errors, null, AdminUsers.MIN_PASSWORD_LENGTH)
                        .render());
    }
}
