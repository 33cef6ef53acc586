package org.vigie.board.admin.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.AdminCsrf;
import org.vigie.board.admin.AdminSessions;
import org.vigie.board.admin.AdminUsers;
import org.vigie.board.admin.Logins;
import org.vigie.board.admin.SingleSignOn;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/**
 * The login page and its form (checked by Logins: throttled, CSRF-protected like every admin form, the password
 * checked off the event loop and outside any transaction), and logout, which ends every session of the admin.
 */
@Path("/admin")
public class LoginPage {

    /** Where an admin page sent the browser from: a path of the admin pages, never another site. */
    private static final Pattern NEXT = Pattern.compile("/admin/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,500}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String error, String notice, String next, SsoLink sso);
    }

    /** The "Sign in with ..." link, when single sign-on is on. */
    public record SsoLink(String provider, String href) {}

    private final SecurityIdentity identity;
    private final Logins logins;
    private final AdminUsers users;
    private final AdminSessions sessions;
    private final SingleSignOn sso;

    public LoginPage(
            SecurityIdentity identity, Logins logins, AdminUsers users, AdminSessions sessions, SingleSignOn sso) {
        this.identity = identity;
        this.logins = logins;
        this.users = users;
        this.sessions = sessions;
        this.sso = sso;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@Context UriInfo uri, @RestQuery String next) {
        var flags = uri.getQueryParameters(); // ?error and ?logged-out have no value
        String back = safeNext(next);
        return Templates.login(
                flags.containsKey("error") ? "Wrong username or password." : null,
                flags.containsKey("logged-out") ? "You are logged out." : null,
                back,
                ssoLink(back));
    }

    /**
     * Non-blocking: the password is checked on the password-checking threads, and the answer written back on this
     * request's context (where its request scope, the CSRF token among it, lives).
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> logIn(
            @RestForm String username,
            @RestForm String password,
            @RestForm String next,
            @RestCookie("vigie-known") String known,
            @Context HttpServerRequest request) {
        String back = safeNext(next);
        boolean knownBrowser = username != null
                && sessions.knownBrowser(known)
                        .filter(n -> n.equalsIgnoreCase(username.trim()))
                        .isPresent();
        var context = Vertx.currentContext();
        return Uni.createFrom()
                .completionStage(() -> logins.logIn(clientAddress(request), username, password, knownBrowser))
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .map(outcome -> switch (outcome) {
                    case Logins.Accepted accepted ->
                        Response.seeOther(URI.create(back == null ? "/admin" : back))
                                .header(HttpHeaders.SET_COOKIE, sessions.setCookie(accepted.session()))
                                .header(HttpHeaders.SET_COOKIE, AdminCsrf.clearCookie())
                                .header(
                                        HttpHeaders.SET_COOKIE,
                                        sessions.knownBrowserCookie(
                                                accepted.session().username()))
                                .build();
                    case Logins.Wrong wrong ->
                        Response.seeOther(URI.create("/admin/login?error" + nextParameter(back)))
                                .build();
                    case Logins.Throttled throttled ->
                        refused(
                                429,
                                throttled.retryAfter(),
                                "Too many failed logins from your address or for this name. Try again in "
                                        + spoken(throttled.retryAfter()) + ".",
                                back);
                    case Logins.Busy busy ->
                        refused(
                                503,
                                busy.retryAfter(),
                                "The board is checking too many logins at once. Try again in "
                                        + spoken(busy.retryAfter()) + ".",
                                back);
                });
    }

    /** Ends every session of this admin, in every browser: their cookies carry the old session version. */
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        if (!identity.isAnonymous()) {
            users.revokeSessions(identity.getPrincipal().getName());
        }
        return Response.seeOther(URI.create("/admin/login?logged-out"))
                .header(HttpHeaders.SET_COOKIE, AdminSessions.clearCookie())
                .build();
    }

    private Response refused(int status, Duration retryAfter, String message, String next) {
        return Response.status(status)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()))
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.login(message, null, next, ssoLink(next)).render())
                .build();
    }

    /** SsoPage's path, bringing the page to come back to along (quarkus-oidc restores the query after the flow). */
    private SsoLink ssoLink(String next) {
        if (!sso.enabled()) {
            return null;
        }
        return new SsoLink(
                sso.providerName(),
                "/admin/sso/login" + (next == null ? "" : "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
    }

    /**
     * The remote address of the connection, or the client's as the balancer says when Quarkus' proxy forwarding is
     * on ({@code quarkus.http.proxy.*}, docs/security.md).
     */
    public static String clientAddress(HttpServerRequest request) {
        var remote = request.remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** "45 seconds", "2 minutes": a Retry-After said to a person (rounded up: never sooner than true). */
    static String spoken(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    static String safeNext(String next) {
        if (next == null || !NEXT.matcher(next).matches() || next.contains("//") || next.startsWith("/admin/log")) {
            return null;
        }
        return next;
    }

    private static String nextParameter(String next) {
        return next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
