package org.vigie.board.admin.ui;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.AdminCsrf;
import org.vigie.board.admin.AdminSessions;
import org.vigie.board.admin.SingleSignOn;
import org.vigie.board.web.NotFound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Where "Sign in with ..." leads. quarkus-oidc's {@code sso} tenant guards this path alone (application.properties):
 * before this runs it has sent the browser to the provider, taken the code back, and checked the ID token, which is
 * then the request's principal. SingleSignOn turns it into an ordinary Vigie session; the provider's own session
 * cookie is removed at once, so from here on only the Vigie cookie counts (logout, timeouts, role changes).
 */
@Path("/admin/sso")
public class SsoPage {

    /** quarkus-oidc's session cookie, and its chunks when a big token is split ({@code q_session_sso_chunk_1}). */
    private static final String PROVIDER_SESSION = "q_session_sso";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String provider, String reason);
    }

    private final SecurityIdentity identity;
    private final SingleSignOn sso;
    private final AdminSessions sessions;

    public SsoPage(SecurityIdentity identity, SingleSignOn sso, AdminSessions sessions) {
        this.identity = identity;
        this.sso = sso;
        this.sessions = sessions;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@RestQuery String next, @Context HttpHeaders headers) {
        if (!sso.enabled() || !(identity.getPrincipal() instanceof JsonWebToken idToken)) {
            throw new NotFound("single sign-on is off");
        }
        Response.ResponseBuilder answer = switch (sso.signIn(idToken)) {
            case SingleSignOn.SignedIn signedIn -> {
                String back = LoginPage.safeNext(next);
                yield Response.seeOther(URI.create(back == null ? "/admin" : back))
                        .header(HttpHeaders.SET_COOKIE, sessions.setCookie(signedIn.session()))
                        .header(HttpHeaders.SET_COOKIE, AdminCsrf.clearCookie());
            }
            case SingleSignOn.Refused refused ->
                Response.status(Response.Status.FORBIDDEN)
                        .type(MediaType.TEXT_HTML_TYPE)
                        .entity(Templates.refused(sso.providerName(), refused.reason())
                                .render());
        };
        headers.getCookies().keySet().stream()
                .filter(name -> name.startsWith(PROVIDER_SESSION))
                .forEach(name -> answer.header(
                        HttpHeaders.SET_COOKIE, name + "=; Path=/admin/sso; Max-Age=0; HttpOnly; SameSite=Lax"));
        return answer.build();
    }
}
