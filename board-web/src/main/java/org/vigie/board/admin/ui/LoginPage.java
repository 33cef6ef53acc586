package org.vigie.board.admin.ui;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;

/**
 * The login page (its form posts to Quarkus' form login at /admin/j_security_check) and logout. Logged-in admins
 * carry an encrypted cookie; logging out deletes it.
 */
@Path("/admin")
public class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean loggedOut);
    }

    private final SecurityIdentity identity;

    public LoginPage(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance login(@RestQuery String error, @RestQuery("logged-out") String loggedOut) {
        return Templates.login(error != null, loggedOut != null);
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        if (!identity.isAnonymous()) {
            FormAuthenticationMechanism.logout(identity);
        }
        return Forms.seeOther("/admin/login?logged-out");
    }
}
