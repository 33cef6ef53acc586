package org.vigie.board.notify.service;

import static org.vigie.board.web.Inputs.trimToNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.group.Group;
import org.vigie.board.notify.Channel;
import org.vigie.board.notify.ChannelKind;
import org.vigie.board.notify.ChannelKind.Field;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.notify.Notification;
import org.vigie.board.service.Service;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.NotFound;

/**
 * Channels, written field by field (a 400 names each wrong field) from the admin pages and the API. A secret left
 * blank on an update keeps its value: secrets are never shown again, so a form cannot send them back.
 */
@ApplicationScoped
public class ChannelCatalog {

    /** Headers a custom header may not set: the ones Vigie sets or the connection needs. */
    static final Set<String> RESERVED_HEADERS =
            Set.of("content-type", "content-length", "host", "connection", "transfer-encoding");

    /** A channel's rate limit at most: each allowed delivery is a row of {@code notification_slots}. */
    static final int RATE_MAX = 600;

    private final ChannelSettings settings;
    private final Outbox outbox;
    private final Clock clock;

    public ChannelCatalog(ChannelSettings settings, Outbox outbox, Clock clock) {
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * What an admin sends. Which of url, secret, headers, token, chatId, server, topic, routingKey and apiKey apply
     * depends on the kind ({@link ChannelKind#fields}). events: slugs of {@link NoticeKind}; services and groups:
     * slugs (none: every service); renotifyMinutes: again while Down (blank: once); ratePerMinute: the most
     * deliveries a minute, all board-webs together (blank: {@code vigie.notify.rate-per-minute}). On an update, a field left out
     * (null) keeps its value, and so does a blank secret.
     */
    public record ChannelInput(
            String name,
            String kind,
            String enabled,
            String url,
            String secret,
            String headers,
            String token,
            String chatId,
            String server,
            String topic,
            String routingKey,
            String apiKey,
            String host,
            String port,
            String security,
            String username,
            String password,
            String from,
            String to,
            List<String> events,
            List<String> services,
            List<String> groups,
            String renotifyMinutes,
            String quietInMaintenance,
            String ratePerMinute) {

        String field(String name) {
            return switch (name) {
                case "url" -> url;
                case "secret" -> secret;
                case "headers" -> headers;
                case "token" -> token;
                case "chatId" -> chatId;
                case "server" -> server;
                case "topic" -> topic;
                case "routingKey" -> routingKey;
                case "apiKey" -> apiKey;
                case "host" -> host;
                case "port" -> port;
                case "security" -> security;
                case "username" -> username;
                case "password" -> password;
                case "from" -> from;
                case "to" -> to;
                default -> throw new IllegalArgumentException(name);
            };
        }
    }

    /** A channel as admins and the API see it: its plain settings, and only the names of the secrets that are set. */
    public record ChannelView(
            long id,
            String name,
            String kind,
            String kindLabel,
            boolean enabled,
            Map<String, String> settings,
            List<String> secretsSet,
            List<String> events,
            List<String> services,
            List<String> groups,
            Integer renotifyMinutes,
            boolean quietInMaintenance,
            Integer ratePerMinute,
            String createdAt) {}

    @Transactional
    public List<ChannelView> all() {
        return Channel.inOrder().stream().map(this::view).toList();
    }

    @Transactional
    public ChannelView get(long id) {
        return view(find(id));
    }

    @Transactional
    public ChannelView create(ChannelInput in) {
        Inputs inputs = new Inputs();
        ChannelKind kind = kind(inputs, in.kind());
        Channel c = new Channel();
        c.createdAt = clock.instant();
        apply(inputs, c, kind, in, true);
        c.persist();
        return view(c);
    }

    @Transactional
    public ChannelView update(long id, ChannelInput in) {
        Channel c = find(id);
        Inputs inputs = new Inputs();
        if (trimToNull(in.kind()) != null
                && !c.kind.slug().equalsIgnoreCase(in.kind().trim())) {
            inputs.error("kind", "kind cannot change: make another channel");
        }
        apply(inputs, c, c.kind, in, false);
        return view(c);
    }

    @Transactional
    public void delete(long id) {
        find(id).delete();
    }

    /** Writes a test notification to the outbox; the deliverer sends it as any other. */
    @Transactional
    public long test(long id) {
        Notification n = outbox.test(find(id));
        return n.id;
    }

    private void apply(Inputs inputs, Channel c, ChannelKind kind, ChannelInput in, boolean creating) {
        String name = in.name() == null && !creating ? c.name : inputs.required("name", in.name(), Channel.NAME_MAX);
        Boolean enabled = inputs.flag("enabled", in.enabled());
        Map<String, String> plain = creating || kind == null ? new LinkedHashMap<>() : settings.settings(c);
        Map<String, String> secret = creating || kind == null ? new LinkedHashMap<>() : settings.secrets(c);
        if (kind != null) {
            for (Field f : kind.fields) {
                String value = trimToNull(in.field(f.name()));
                if (f.secret()) {
                    if (value != null) {
                        secret.put(f.name(), check(inputs, kind, f, value));
                    } else if (f.required() && !secret.containsKey(f.name())) {
                        inputs.error(f.name(), f.name() + " is required for " + kind.label);
                    }
                } else if (in.field(f.name()) != null || creating) {
                    if (value == null) {
                        if (f.required()) {
                            inputs.error(f.name(), f.name() + " is required for " + kind.label);
                        }
                        plain.remove(f.name());
                    } else {
                        plain.put(f.name(), check(inputs, kind, f, value));
                    }
                }
            }
        }
        List<String> events = in.events() == null && !creating ? c.eventSlugs() : events(inputs, in.events());
        List<String> services = in.services() == null ? (creating ? List.of() : c.services()) : services(inputs, in);
        List<String> groups = in.groups() == null ? (creating ? List.of() : c.groups()) : groups(inputs, in);
        Integer renotify = c.renotifyEveryS == null ? null : c.renotifyEveryS / 60;
        if (in.renotifyMinutes() != null) {
            renotify = inputs.integer("renotifyMinutes", in.renotifyMinutes());
            if (renotify != null && (renotify < 1 || renotify > 10_080)) {
                inputs.error("renotifyMinutes", "renotifyMinutes must be between 1 and 10080 (a week), or blank");
            }
        }
        Boolean quiet = inputs.flag("quietInMaintenance", in.quietInMaintenance());
        Integer rate = c.ratePerMinute;
        if (in.ratePerMinute() != null) {
            rate = inputs.integer("ratePerMinute", in.ratePerMinute());
            if (rate != null && (rate < 1 || rate > RATE_MAX)) {
                inputs.error("ratePerMinute", "ratePerMinute must be between 1 and " + RATE_MAX + ", or blank");
            }
        }
        if (name != null && !inputs.has("name")) {
            Channel same = Channel.find("name", name).firstResult();
            if (same != null && !same.id.equals(c.id)) {
                inputs.error("name", "name \"" + name + "\" is already another channel's");
            }
        }
        inputs.throwIfAny();

        c.name = name;
        c.kind = kind;
        if (enabled != null) {
            c.enabled = enabled;
        }
        settings.store(c, plain, secret);
        c.events = String.join(",", events);
        c.serviceSlugs = services.isEmpty() ? null : String.join(",", services);
        c.groupSlugs = groups.isEmpty() ? null : String.join(",", groups);
        c.renotifyEveryS = renotify == null ? null : renotify * 60;
        if (quiet != null) {
            c.quietInMaintenance = quiet;
        }
        c.ratePerMinute = rate;
    }

    private static ChannelKind kind(Inputs inputs, String text) {
        String k = trimToNull(text);
        if (k == null) {
            inputs.error("kind", "kind is required: one of " + kinds());
            return null;
        }
        return ChannelKind.of(k).orElseGet(() -> {
            inputs.error("kind", "kind \"" + k + "\" is not one of " + kinds());
            return null;
        });
    }

    private static String kinds() {
        return Arrays.stream(ChannelKind.values()).map(ChannelKind::slug).collect(Collectors.joining(", "));
    }

    private static String check(Inputs inputs, ChannelKind kind, Field f, String value) {
        if (value.length() > 2000) {
            inputs.error(f.name(), f.name() + " is longer than 2000 characters");
        } else if (f.name().equals("url") || f.name().equals("server")) {
            url(inputs, f.name(), value);
        } else if (f.name().equals("port") && !value.matches("\\d{1,5}")) {
            inputs.error("port", "port is not a port number");
        } else if (f.name().equals("security")
                && !List.of("starttls", "tls", "none").contains(value)) {
            inputs.error("security", "security is one of starttls, tls, none");
        } else if ((f.name().equals("from") || f.name().equals("to"))
                && !Arrays.stream(value.split(",")).allMatch(a -> a.trim().matches("[^@\\s]+@[^@\\s]+"))) {
            inputs.error(
                    f.name(), f.name() + " is not an email address" + (f.name().equals("to") ? " list" : ""));
        } else if (f.name().equals("headers")) {
            headers(inputs, value);
        } else if (f.name().equals("topic") && !value.matches("[A-Za-z0-9_-]{1,64}")) {
            inputs.error("topic", "topic may hold letters, digits, - and _ only (at most 64)");
        } else if (kind == ChannelKind.TELEGRAM && f.name().equals("token") && !value.matches("\\d+:[A-Za-z0-9_-]+")) {
            inputs.error("token", "token is not a Telegram bot token (digits, a colon, then letters)");
        }
        return value;
    }

    /** An http:// or https:// URL with a host, as webhooks need (a visitor's webhook too). */
    public static void url(Inputs inputs, String field, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                inputs.error(field, field + " must be an http:// or https:// address with a host");
            }
        } catch (URISyntaxException e) {
            inputs.error(field, field + " is not a URL: " + e.getReason());
        }
    }

    private static void headers(Inputs inputs, String lines) {
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).trim() : "";
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                inputs.error("headers", "headers: each line is Name: value (\"" + cut(line) + "\" is not)");
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED_HEADERS.contains(lower) || lower.startsWith("x-vigie-")) {
                inputs.error("headers", "headers: " + name + " is set by Vigie");
                return;
            }
        }
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    private static List<String> events(Inputs inputs, List<String> given) {
        List<String> events = new ArrayList<>();
        for (String e : given == null ? List.<String>of() : given) {
            if (trimToNull(e) == null) {
                continue;
            }
            NoticeKind.of(e)
                    .ifPresentOrElse(
                            k -> {
                                if (!events.contains(k.slug())) {
                                    events.add(k.slug());
                                }
                            },
                            () -> inputs.error(
                                    "events", "events: \"" + e.trim() + "\" is not one of " + eventChoices()));
        }
        if (events.isEmpty() && !inputs.has("events")) {
            inputs.error("events", "events: choose at least one of " + eventChoices());
        }
        return events;
    }

    public static String eventChoices() {
        return Arrays.stream(NoticeKind.values())
                .filter(k -> k != NoticeKind.TEST)
                .map(NoticeKind::slug)
                .collect(Collectors.joining(", "));
    }

    private static List<String> services(Inputs inputs, ChannelInput in) {
        List<String> slugs = slugs(in.services());
        for (String s : slugs) {
            if (Service.findBySlug(s).isEmpty()) {
                inputs.error("services", "services: no service \"" + s + "\"");
            }
        }
        return slugs;
    }

    private static List<String> groups(Inputs inputs, ChannelInput in) {
        List<String> slugs = slugs(in.groups());
        for (String s : slugs) {
            if (Group.findBySlug(s).isEmpty()) {
                inputs.error("groups", "groups: no group \"" + s + "\"");
            }
        }
        return slugs;
    }

    private static List<String> slugs(List<String> given) {
        return given.stream()
                .map(Inputs::trimToNull)
                .filter(s -> s != null)
                .distinct()
                .toList();
    }

    private static Channel find(long id) {
        Channel c = Channel.findById(id);
        if (c == null) {
            throw new NotFound("no notification channel " + id);
        }
        return c;
    }

    private ChannelView view(Channel c) {
        Map<String, String> secrets = settings.readableSecrets(c);
        return new ChannelView(
                c.id,
                c.name,
                c.kind.slug(),
                c.kind.label,
                c.enabled,
                settings.settings(c),
                c.kind.fields.stream()
                        .filter(f -> f.secret() && secrets.containsKey(f.name()))
                        .map(Field::name)
                        .toList(),
                c.eventSlugs(),
                c.services(),
                c.groups(),
                c.renotifyEveryS == null ? null : c.renotifyEveryS / 60,
                c.quietInMaintenance,
                c.ratePerMinute,
                c.createdAt.toString());
    }
}
