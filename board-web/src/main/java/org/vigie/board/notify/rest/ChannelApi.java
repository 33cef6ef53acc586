package org.vigie.board.notify.rest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.notify.DeliveryState;
import org.vigie.board.notify.service.ChannelCatalog;
import org.vigie.board.notify.service.ChannelCatalog.ChannelInput;
import org.vigie.board.notify.service.ChannelCatalog.ChannelView;
import org.vigie.board.notify.service.DeliveryLog;
import org.vigie.board.notify.service.DeliveryLog.LogLine;
import org.vigie.board.web.Created;
import org.vigie.board.web.InvalidInput;

/**
 * The admin API for notification channels and their delivery log. Secrets are write-only: an answer names the
 * secrets that are set ({@code secretsSet}), never their values.
 */
@Path("/admin/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: notifications")
@SecurityRequirement(name = "bearer")
public class ChannelApi {

    private static final ChannelInput EMPTY = new ChannelInput(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    private final ChannelCatalog catalog;
    private final DeliveryLog log;

    public ChannelApi(ChannelCatalog catalog, DeliveryLog log) {
        this.catalog = catalog;
        this.log = log;
    }

    public record ChannelsJson(List<ChannelView> channels) {}

    public record LogJson(List<LogLine> notifications) {}

    @GET
    @Path("notification-channels")
    @Operation(summary = "Every notification channel")
    public ChannelsJson list() {
        return new ChannelsJson(catalog.all());
    }

    @GET
    @Path("notification-channels/{id}")
    @Operation(summary = "One notification channel")
    public ChannelView get(@PathParam("id") long id) {
        return catalog.get(id);
    }

    @POST
    @Path("notification-channels")
    @Operation(
            summary = "Add a channel",
            description = "name, kind (webhook, slack, discord, teams, mattermost, google-chat, telegram, ntfy, gotify,"
                    + " pagerduty, opsgenie, email) and its fields (docs/notifications.md); events (down, warning, unknown, up,"
                    + " incident-opened, incident-updated, incident-resolved, certificate-expiring); services and groups (slugs; none: all);"
                    + " renotifyMinutes; quietInMaintenance; ratePerMinute (blank: the board's)")
    public Response create(ChannelInput request) {
        ChannelView c = catalog.create(Objects.requireNonNullElse(request, EMPTY));
        return Created.at("/admin/api/v1/notification-channels/" + c.id(), c);
    }

    @POST
    @Path("notification-channels/{id}")
    @Operation(summary = "Change a channel; fields left out keep their value, and so does a blank secret")
    public ChannelView update(@PathParam("id") long id, ChannelInput request) {
        return catalog.update(id, Objects.requireNonNullElse(request, EMPTY));
    }

    @DELETE
    @Path("notification-channels/{id}")
    @Operation(summary = "Delete a channel and its delivery log")
    public ChannelView delete(@PathParam("id") long id) {
        ChannelView gone = catalog.get(id);
        catalog.delete(id);
        return gone;
    }

    @POST
    @Path("notification-channels/{id}/test")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a test notification: queued in the outbox, delivered within seconds (see the log)")
    public Response test(@PathParam("id") long id) {
        long notification = catalog.test(id);
        return Response.accepted(Map.of("notification", notification)).build();
    }

    @GET
    @Path("notifications")
    @Operation(summary = "The delivery log: the latest notifications (limit, at most 500), with every attempt")
    public LogJson notifications(
            @RestQuery Integer limit, @RestQuery String state, @RestQuery("channel") Long channel) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) {
            throw new InvalidInput("limit", "limit must be between 1 and 500");
        }
        DeliveryState s = null;
        if (state != null && !state.isBlank()) {
            try {
                s = DeliveryState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(
                        "state",
                        "state \"" + state + "\" is not one of pending, sending, retrying, throttled, sent, failed");
            }
        }
        return new LogJson(log.latest(n, s, channel));
    }
}
