package org.vigie.board.notify.ui;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.notify.ChannelKind;
import org.vigie.board.notify.DeliveryState;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.notify.service.ChannelCatalog;
import org.vigie.board.notify.service.ChannelCatalog.ChannelInput;
import org.vigie.board.notify.service.ChannelCatalog.ChannelView;
import org.vigie.board.notify.service.DeliveryLog;
import org.vigie.board.notify.service.DeliveryLog.LogLine;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin pages for notification channels (add, edit, delete, send a test) and the delivery log. */
@Path("/admin/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotifyPages {

    private static final Map<String, String> NOTICES = Map.of(
            "created", "Channel added.",
            "saved", "Saved.",
            "deleted", "Channel deleted.",
            "test", "Test notification queued: the delivery log shows what the receiver answers.");

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("url", "Webhook URL"),
            Map.entry("secret", "Signing secret"),
            Map.entry("headers", "Custom headers"),
            Map.entry("token", "Token"),
            Map.entry("chatId", "Chat id"),
            Map.entry("server", "Server URL"),
            Map.entry("topic", "Topic"),
            Map.entry("routingKey", "Routing key"),
            Map.entry("apiKey", "API key"),
            Map.entry("host", "SMTP server"),
            Map.entry("port", "Port"),
            Map.entry("security", "Security (starttls, tls, none)"),
            Map.entry("username", "User name"),
            Map.entry("password", "Password"),
            Map.entry("from", "From"),
            Map.entry("to", "To (comma-separated)"));

    private static final Map<String, String> EVENT_LABELS = Map.of(
            "down", "Service turns Down",
            "warning", "Service turns Warning",
            "unknown", "Service turns Unknown (no recent result)",
            "up", "Service back Up (with the outage's duration)",
            "maintenance-started", "Service enters maintenance",
            "maintenance-ended", "Service leaves maintenance, up",
            "incident-opened", "Incident opened (published)",
            "incident-updated", "Incident updated",
            "incident-resolved", "Incident resolved",
            "certificate-expiring", "Certificate expires soon (vigie.notify.certificate-warning-days)");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<ChannelView> channels, List<KindChoice> kinds, String notice);

        static native TemplateInstance form(
                Long id,
                String kind,
                String kindLabel,
                ChannelForm form,
                List<FieldRow> fields,
                List<EventChoice> events,
                Map<String, String> errors);

        static native TemplateInstance log(List<LogLine> lines, String state, List<String> states);
    }

    public record KindChoice(String slug, String label) {}

    /** One of the kind's fields: a plain one shows its value, a secret one only whether it is set. */
    public record FieldRow(
            String name,
            String label,
            boolean secret,
            boolean required,
            boolean multiline,
            String value,
            boolean set) {}

    public record EventChoice(String slug, String label, boolean checked) {}

    /** What the form sends. Checkboxes are sent only when ticked. */
    public record ChannelForm(
            @RestForm String name,
            @RestForm String enabled,
            @RestForm String url,
            @RestForm String secret,
            @RestForm String headers,
            @RestForm String token,
            @RestForm String chatId,
            @RestForm String server,
            @RestForm String topic,
            @RestForm String routingKey,
            @RestForm String apiKey,
            @RestForm String host,
            @RestForm String port,
            @RestForm String security,
            @RestForm String username,
            @RestForm String password,
            @RestForm String from,
            @RestForm String to,
            @RestForm List<String> events,
            @RestForm String services,
            @RestForm String groups,
            @RestForm String renotifyMinutes,
            @RestForm String quietInMaintenance,
            @RestForm String ratePerMinute) {

        ChannelInput input(String kind) {
            return new ChannelInput(
                    name == null ? "" : name,
                    kind,
                    enabled == null ? "false" : enabled,
                    url == null ? "" : url,
                    secret,
                    headers,
                    token,
                    chatId == null ? "" : chatId,
                    server == null ? "" : server,
                    topic == null ? "" : topic,
                    routingKey,
                    apiKey,
                    host == null ? "" : host,
                    port == null ? "" : port,
                    security == null ? "" : security,
                    username == null ? "" : username,
                    password,
                    from == null ? "" : from,
                    to == null ? "" : to,
                    events == null ? List.of() : events,
                    split(services),
                    split(groups),
                    renotifyMinutes == null ? "" : renotifyMinutes,
                    quietInMaintenance == null ? "false" : quietInMaintenance,
                    ratePerMinute == null ? "" : ratePerMinute);
        }

        static ChannelForm of(ChannelView c) {
            Map<String, String> s = c.settings();
            return new ChannelForm(
                    c.name(),
                    c.enabled() ? "true" : null,
                    s.getOrDefault("url", ""),
                    null,
                    null,
                    null,
                    s.getOrDefault("chatId", ""),
                    s.getOrDefault("server", ""),
                    s.getOrDefault("topic", ""),
                    null,
                    null,
                    s.getOrDefault("host", ""),
                    s.getOrDefault("port", ""),
                    s.getOrDefault("security", ""),
                    s.getOrDefault("username", ""),
                    null,
                    s.getOrDefault("from", ""),
                    s.getOrDefault("to", ""),
                    c.events(),
                    String.join(", ", c.services()),
                    String.join(", ", c.groups()),
                    c.renotifyMinutes() == null ? "" : String.valueOf(c.renotifyMinutes()),
                    c.quietInMaintenance() ? "true" : null,
                    c.ratePerMinute() == null ? "" : String.valueOf(c.ratePerMinute()));
        }

        static ChannelForm blank() {
            return new ChannelForm(
                    "",
                    "true",
                    "",
                    null,
                    null,
                    null,
                    "",
                    "",
                    "",
                    null,
                    null,
                    "",
                    "587",
                    "starttls",
                    "",
                    null,
                    "",
                    "",
                    List.of("down", "up"),
                    "",
                    "",
                    "",
                    "true",
                    "");
        }

        String plain(String field) {
            return switch (field) {
                case "url" -> url;
                case "chatId" -> chatId;
                case "server" -> server;
                case "topic" -> topic;
                case "host" -> host;
                case "port" -> port;
                case "security" -> security;
                case "username" -> username;
                case "from" -> from;
                case "to" -> to;
                default -> "";
            };
        }

        public boolean ticked(String box) {
            String v = "enabled".equals(box) ? enabled : quietInMaintenance;
            return v != null && !v.isBlank() && !v.equals("false");
        }

        private static List<String> split(String csv) {
            return csv == null
                    ? List.of()
                    : Arrays.stream(csv.split("[,\\s]+"))
                            .filter(s -> !s.isBlank())
                            .toList();
        }
    }

    private final ChannelCatalog catalog;
    private final DeliveryLog log;

    public NotifyPages(ChannelCatalog catalog, DeliveryLog log) {
        this.catalog = catalog;
        this.log = log;
    }

    @GET
    public String list(@RestQuery String notice) {
        List<KindChoice> kinds = Arrays.stream(ChannelKind.values())
                .map(k -> new KindChoice(k.slug(), k.label))
                .toList();
        return Templates.list(catalog.all(), kinds, notice == null ? null : NOTICES.get(notice))
                .render();
    }

    @GET
    @Path("new")
    public Response newForm(@RestQuery String kind) {
        ChannelKind k = kind == null ? null : ChannelKind.of(kind).orElse(null);
        if (k == null) {
            return seeOther("/admin/notifications");
        }
        return Response.ok(form(null, k, ChannelForm.blank(), List.of(), Map.of()))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String kind, @BeanParam ChannelForm form) {
        ChannelKind k = kind == null ? null : ChannelKind.of(kind).orElse(null);
        if (k == null) {
            return seeOther("/admin/notifications");
        }
        try {
            catalog.create(form.input(k.slug()));
            return seeOther("/admin/notifications?notice=created");
        } catch (InvalidInput e) {
            return Response.status(400)
                    .entity(form(null, k, form, List.of(), e.errors()))
                    .build();
        }
    }

    @GET
    @Path("{id}/edit")
    public Response edit(@PathParam("id") long id) {
        try {
            ChannelView c = catalog.get(id);
            ChannelKind k = ChannelKind.of(c.kind()).orElseThrow();
            return Response.ok(form(id, k, ChannelForm.of(c), c.secretsSet(), Map.of()))
                    .build();
        } catch (NotFound e) {
            return seeOther("/admin/notifications");
        }
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @BeanParam ChannelForm form) {
        ChannelView c;
        try {
            c = catalog.get(id);
        } catch (NotFound e) {
            return seeOther("/admin/notifications");
        }
        ChannelKind k = ChannelKind.of(c.kind()).orElseThrow();
        try {
            catalog.update(id, form.input(null));
            return seeOther("/admin/notifications?notice=saved");
        } catch (InvalidInput e) {
            return Response.status(400)
                    .entity(form(id, k, form, c.secretsSet(), e.errors()))
                    .build();
        }
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id) {
        try {
            catalog.delete(id);
            return seeOther("/admin/notifications?notice=deleted");
        } catch (NotFound e) {
            return seeOther("/admin/notifications");
        }
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("id") long id) {
        try {
            catalog.test(id);
            return seeOther("/admin/notifications?notice=test");
        } catch (NotFound e) {
            return seeOther("/admin/notifications");
        }
    }

    @GET
    @Path("log")
    public String log(@RestQuery String state) {
        DeliveryState s = null;
        if (state != null) {
            s = Arrays.stream(DeliveryState.values())
                    .filter(v -> v.name().equalsIgnoreCase(state))
                    .findFirst()
                    .orElse(null);
        }
        List<String> states = Arrays.stream(DeliveryState.values())
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT))
                .toList();
        return Templates.log(
                        log.latest(200, s, null), s == null ? null : state.toLowerCase(java.util.Locale.ROOT), states)
                .render();
    }

    private static String form(
            Long id, ChannelKind kind, ChannelForm form, List<String> secretsSet, Map<String, String> errors) {
        List<FieldRow> fields = kind.fields.stream()
                .map(f -> new FieldRow(
                        f.name(),
                        LABELS.getOrDefault(f.name(), f.name()),
                        f.secret(),
                        f.required(),
                        f.name().equals("headers"),
                        f.secret() ? "" : form.plain(f.name()),
                        secretsSet.contains(f.name())))
                .toList();
        List<String> ticked = form.events() == null ? List.of() : form.events();
        List<EventChoice> events = Arrays.stream(NoticeKind.values())
                .filter(k -> k != NoticeKind.TEST)
                .map(k -> new EventChoice(k.slug(), EVENT_LABELS.get(k.slug()), ticked.contains(k.slug())))
                .toList();
        return Templates.form(id, kind.slug(), kind.label, form, fields, events, errors)
                .render();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
