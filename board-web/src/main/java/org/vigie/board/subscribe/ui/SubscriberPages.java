package org.vigie.board.subscribe.ui;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.audit.AuditNote;
import org.vigie.board.subscribe.service.Subscriptions;
import org.vigie.board.web.InvalidInput;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The admin's page of the board's subscribers: how many, by kind and service (never their addresses), removing one
 * by their address, and whether they also hear of status changes. Writes need an owner (AdminAccess: not an
 * editor's area), as subscribers' addresses are personal data.
 */
@Path("/admin/subscribers")
@Produces(MediaType.TEXT_HTML)
public class SubscriberPages {

    private static final Map<String, String> NOTICES = Map.of(
            "saved", "Saved.",
            "removed", "Subscriber removed.",
            "none", "No subscriber has that address.");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(
                Subscriptions.Counts counts, boolean statusChanges, String notice, String error);
    }

    private final Subscriptions subscriptions;
    private final AuditNote audit;

    public SubscriberPages(Subscriptions subscriptions, AuditNote audit) {
        this.subscriptions = subscriptions;
        this.audit = audit;
    }

    @GET
    public String list(@RestQuery String notice) {
        return Templates.list(
                        subscriptions.counts(),
                        subscriptions.statusChanges(),
                        notice == null ? null : NOTICES.get(notice),
                        null)
                .render();
    }

    @POST
    @Path("settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response settings(@RestForm String statusChanges) {
        boolean on = statusChanges != null && !statusChanges.isBlank() && !statusChanges.equals("false");
        subscriptions.statusChanges(on);
        audit.say(null, "subscribers hear of status changes: " + (on ? "on" : "off"));
        return seeOther("/admin/subscribers?notice=saved");
    }

    @POST
    @Path("remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@RestForm String address) {
        try {
            long removed = subscriptions.remove(address);
            // the count, never the address: the audit log outlives the subscription
            audit.say(null, "removed " + removed + " subscription" + (removed == 1 ? "" : "s"));
            return seeOther("/admin/subscribers?notice=" + (removed > 0 ? "removed" : "none"));
        } catch (InvalidInput e) {
            return Response.status(400)
                    .entity(Templates.list(
                                    subscriptions.counts(),
                                    subscriptions.statusChanges(),
                                    null,
                                    e.errors().values().iterator().next())
                            .render())
                    .build();
        }
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
