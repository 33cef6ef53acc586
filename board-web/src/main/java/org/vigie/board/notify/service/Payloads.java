package org.vigie.board.notify.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.notify.ChannelKind;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.notify.NotifyConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders a notice as one channel's HTTP request, in each provider's documented format (docs/notifications.md has a
 * sample of each). Pure: no I/O, so that tests check every shape.
 */
@ApplicationScoped
public class Payloads {

    /** The signature header of the generic webhook: {@code sha256=} and the hex HMAC-SHA256 of the body. */
    public static final String SIGNATURE = "X-Vigie-Signature";

    /** An HTTP request to send. */
    public record Request(String method, String url, Map<String, String> headers, String body) {}

    /** A message to send by SMTP, with the server to send it through and headers of its own (may be empty). */
    public record Mail(
            String host,
            int port,
            String security,
            String username,
            String password,
            String from,
            List<String> to,
            String subject,
            String text,
            Map<String, String> headers) {}

    /** The mail for {@code notice} on an email channel: the title as the subject, the text and link as the body. */
    public Mail mail(Map<String, String> settings, Map<String, String> secrets, Notice n) {
        String security = settings.getOrDefault("security", "starttls");
        String port = settings.get("port");
        return new Mail(
                settings.get("host"),
                port == null
                        ? (security.equals("tls") ? 465 : security.equals("none") ? 25 : 587)
                        : Integer.parseInt(port),
                security,
                settings.get("username"),
                secrets.get("password"),
                settings.get("from"),
                java.util.Arrays.stream(settings.get("to").split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList(),
                "[Vigie] " + n.title(),
                plain(n) + "\n\n-- \nVigie (" + n.kind().slug() + ", " + n.at() + ")\n",
                Map.of());
    }

    private final ObjectMapper json;
    private final NotifyConfig config;

    public Payloads(ObjectMapper json, NotifyConfig config) {
        this.json = json;
        this.config = config;
    }

    /**
     * The request for {@code notice} on a channel of {@code kind}, with its plain {@code settings} and decrypted
     * {@code secrets}; {@code id} is the notification's (the webhook's idempotency key).
     */
    public Request render(
            ChannelKind kind, Map<String, String> settings, Map<String, String> secrets, Notice notice, long id) {
        return switch (kind) {
            case WEBHOOK -> webhook(settings, secrets, notice, id);
            case SLACK -> post(secrets.get("url"), slack(notice));
            case DISCORD -> post(secrets.get("url"), discord(notice));
            case TEAMS -> post(secrets.get("url"), teams(notice));
            case MATTERMOST -> post(secrets.get("url"), mattermost(notice));
            case GOOGLE_CHAT -> post(secrets.get("url"), googleChat(notice));
            case TELEGRAM ->
                post(
                        trim(config.telegramApi()) + "/bot" + secrets.get("token") + "/sendMessage",
                        telegram(settings.get("chatId"), notice));
            case NTFY -> ntfy(settings, secrets, notice);
            case GOTIFY -> gotify(settings, secrets, notice);
            case PAGERDUTY -> post(config.pagerdutyUrl(), pagerDuty(secrets.get("routingKey"), notice));
            case OPSGENIE -> opsgenie(settings, secrets, notice);
            case EMAIL -> throw new IllegalArgumentException("an email channel sends a Mail, not a request");
        };
    }

    // ---------------------------------------------------------------- generic webhook

    Request webhook(Map<String, String> settings, Map<String, String> secrets, Notice notice, long id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("kind", notice.kind().slug());
        body.put("title", notice.title());
        body.put("text", notice.text());
        body.put("link", notice.link());
        body.put("at", notice.at());
        if (notice.serviceSlug() != null) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("slug", notice.serviceSlug());
            service.put("name", notice.serviceName());
            service.put("status", notice.status());
            service.put("outageSeconds", notice.outageSeconds());
            service.put("reminder", notice.reminder());
            body.put("service", service);
        }
        if (notice.incidentId() != null) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("id", notice.incidentId());
            incident.put("title", notice.incidentTitle());
            incident.put("state", notice.incidentState());
            incident.put("impact", notice.incidentImpact());
            body.put("incident", incident);
        }
        String text = write(body);
        Map<String, String> headers = new LinkedHashMap<>(headerLines(secrets.get("headers")));
        headers.put("Content-Type", "application/json");
        headers.put("X-Vigie-Event", notice.kind().slug());
        headers.put("X-Vigie-Delivery", String.valueOf(id));
        String secret = secrets.get("secret");
        if (secret != null && !secret.isEmpty()) {
            headers.put(SIGNATURE, "sha256=" + hmac(secret, text));
        }
        return new Request("POST", settings.get("url"), headers, text);
    }

    /** The hex HMAC-SHA256 of {@code body} under {@code secret}, as the webhook's signature carries it. */
    public static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Custom headers, one {@code Name: value} a line. */
    public static Map<String, String> headerLines(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines == null) {
            return headers;
        }
        for (String line : lines.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    // ---------------------------------------------------------------- chats (incoming webhooks)

    /** Slack: {@code text} (the notification's fallback) and one mrkdwn section block. */
    Map<String, Object> slack(Notice n) {
        String text = "*" + slackEscape(n.title()) + "*"
                + (blank(n.text()) ? "" : "\n" + slackEscape(n.text()))
                + (n.link() == null ? "" : "\n<" + n.link() + "|" + slackEscape(n.link()) + ">");
        return object(
                "text", n.title(),
                "blocks", List.of(object("type", "section", "text", object("type", "mrkdwn", "text", text))));
    }

    /** Discord: {@code content} and one embed; no mention is ever parsed out of the words. */
    Map<String, Object> discord(Notice n) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", cut(n.title(), 256));
        if (!blank(n.text())) {
            embed.put("description", cut(n.text(), 4096));
        }
        if (n.link() != null) {
            embed.put("url", n.link());
        }
        embed.put("color", Integer.parseInt(colour(n.kind()), 16));
        embed.put("timestamp", n.at());
        return object(
                "username", "Vigie",
                "content", cut(n.title(), 2000),
                "embeds", List.of(embed),
                "allowed_mentions", object("parse", List.of()));
    }

    /** Microsoft Teams (Workflows' incoming webhook): a message with one Adaptive Card. */
    Map<String, Object> teams(Notice n) {
        List<Object> body = new ArrayList<>();
        body.add(object("type", "TextBlock", "text", n.title(), "weight", "Bolder", "size", "Medium", "wrap", true));
        if (!blank(n.text())) {
            body.add(object("type", "TextBlock", "text", n.text(), "wrap", true));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        if (n.link() != null) {
            card.put("actions", List.of(object("type", "Action.OpenUrl", "title", "Vigie", "url", n.link())));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        return object("type", "message", "attachments", List.of(attachment));
    }

    /** Mattermost: Markdown {@code text}. */
    Map<String, Object> mattermost(Notice n) {
        return object("username", "Vigie", "text", markdown(n));
    }

    /** Google Chat: {@code text}, with its own link syntax. */
    Map<String, Object> googleChat(Notice n) {
        String text = "*" + n.title() + "*"
                + (blank(n.text()) ? "" : "\n" + n.text())
                + (n.link() == null ? "" : "\n<" + n.link() + "|" + n.link() + ">");
        return object("text", text);
    }

    /** Telegram's sendMessage: plain text (no parse mode, so nothing needs escaping). */
    Map<String, Object> telegram(String chatId, Notice n) {
        return object("chat_id", chatId, "text", plain(n), "disable_web_page_preview", true);
    }

    // ---------------------------------------------------------------- push

    /** ntfy: the JSON publish to the server's root. */
    Request ntfy(Map<String, String> settings, Map<String, String> secrets, Notice n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", settings.get("topic"));
        body.put("title", n.title());
        body.put("message", blank(n.text()) ? n.title() : n.text());
        body.put("priority", n.kind() == NoticeKind.DOWN ? 5 : n.kind() == NoticeKind.WARNING ? 4 : 3);
        body.put("tags", List.of(tag(n.kind())));
        if (n.link() != null) {
            body.put("click", n.link());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        String token = secrets.get("token");
        if (token != null && !token.isEmpty()) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new Request("POST", trim(settings.get("server")) + "/", headers, write(body));
    }

    /** Gotify: {@code POST /message} with the application's token. */
    Request gotify(Map<String, String> settings, Map<String, String> secrets, Notice n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", n.title());
        body.put("message", plain(n));
        body.put("priority", n.kind() == NoticeKind.DOWN ? 8 : n.kind() == NoticeKind.WARNING ? 5 : 2);
        if (n.link() != null) {
            body.put("extras", object("client::notification", object("click", object("url", n.link()))));
        }
        return new Request(
                "POST",
                trim(settings.get("server")) + "/message",
                Map.of("Content-Type", "application/json", "X-Gotify-Key", secrets.get("token")),
                write(body));
    }

    // ---------------------------------------------------------------- pagers

    /** The key that ties a service's (or incident's) trigger to its resolve. */
    static String dedupKey(Notice n) {
        if (n.kind() == NoticeKind.CERTIFICATE_EXPIRING) {
            return "vigie-certificate-" + n.serviceSlug(); // not the service's outage: its Up must not close it
        }
        if (n.serviceSlug() != null) {
            return "vigie-" + n.serviceSlug();
        }
        if (n.incidentId() != null) {
            return "vigie-incident-" + n.incidentId();
        }
        return "vigie-test";
    }

    static boolean resolves(Notice n) {
        return n.kind() == NoticeKind.UP
                || n.kind() == NoticeKind.MAINTENANCE_ENDED
                || n.kind() == NoticeKind.INCIDENT_RESOLVED;
    }

    /** PagerDuty Events API v2: trigger (Down, Warning, Unknown, incidents) or resolve (Up, resolved) by dedup key. */
    Map<String, Object> pagerDuty(String routingKey, Notice n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", resolves(n) ? "resolve" : "trigger");
        body.put("dedup_key", dedupKey(n));
        if (!resolves(n)) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", cut(n.title(), 1024));
            payload.put("source", n.serviceSlug() != null ? n.serviceSlug() : "vigie");
            payload.put(
                    "severity",
                    switch (n.kind()) {
                        case DOWN -> "critical";
                        case WARNING, INCIDENT_OPENED, INCIDENT_UPDATED, CERTIFICATE_EXPIRING -> "warning";
                        default -> "info";
                    });
            payload.put("timestamp", n.at());
            payload.put("component", n.serviceSlug() != null ? n.serviceSlug() : "incident");
            payload.put("custom_details", object("text", n.text() == null ? "" : n.text()));
            body.put("payload", payload);
            if (n.link() != null) {
                body.put("links", List.of(object("href", n.link(), "text", "Vigie")));
            }
        }
        return body;
    }

    /** Opsgenie Alert API: create an alert with an alias, or close it by that alias. */
    Request opsgenie(Map<String, String> settings, Map<String, String> secrets, Notice n) {
        String api = trim(blank(settings.get("server")) ? config.opsgenieApi() : settings.get("server"));
        Map<String, String> headers =
                Map.of("Content-Type", "application/json", "Authorization", "GenieKey " + secrets.get("apiKey"));
        String alias = dedupKey(n);
        if (resolves(n)) {
            return new Request(
                    "POST",
                    api + "/v2/alerts/" + alias + "/close?identifierType=alias",
                    headers,
                    write(object("source", "Vigie", "note", n.title())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", cut(n.title(), 130));
        body.put("alias", alias);
        body.put("description", cut(plain(n), 15000));
        body.put(
                "priority",
                switch (n.kind()) {
                    case DOWN -> "P1";
                    case WARNING, INCIDENT_OPENED, INCIDENT_UPDATED, CERTIFICATE_EXPIRING -> "P3";
                    default -> "P5";
                });
        body.put("source", "Vigie");
        body.put("tags", List.of("vigie", n.kind().slug()));
        return new Request("POST", api + "/v2/alerts", headers, write(body));
    }

    // ---------------------------------------------------------------- shared

    /**
     * A JSON object with its fields in the order given. Bodies must be the same bytes on every board-web: a receiver
     * (or its signature check) that compares two tries of one notification must see one body, and {@code Map.of}
     * iterates in an order drawn per JVM.
     */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    private Request post(String url, Map<String, Object> body) {
        return new Request("POST", url, Map.of("Content-Type", "application/json"), write(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The notice as plain text: title, text, link, one a line. */
    public static String plain(Notice n) {
        return n.title() + (blank(n.text()) ? "" : "\n" + n.text()) + (n.link() == null ? "" : "\n" + n.link());
    }

    private static String markdown(Notice n) {
        return "**" + n.title() + "**" + (blank(n.text()) ? "" : "\n" + n.text())
                + (n.link() == null ? "" : "\n[" + n.link() + "](" + n.link() + ")");
    }

    private static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String colour(NoticeKind kind) {
        return switch (kind) {
            case DOWN -> "D93025";
            case WARNING, CERTIFICATE_EXPIRING -> "E37400";
            case UNKNOWN -> "80868B";
            case UP, INCIDENT_RESOLVED, MAINTENANCE_ENDED -> "188038";
            case MAINTENANCE_STARTED -> "1967D2";
            default -> "1A73E8";
        };
    }

    private static String tag(NoticeKind kind) {
        return switch (kind) {
            case DOWN -> "rotating_light";
            case WARNING, CERTIFICATE_EXPIRING -> "warning";
            case UNKNOWN -> "grey_question";
            case UP, INCIDENT_RESOLVED, MAINTENANCE_ENDED -> "white_check_mark";
            case MAINTENANCE_STARTED -> "wrench";
            default -> "loudspeaker";
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String trim(String url) {
        String u = url.trim();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
