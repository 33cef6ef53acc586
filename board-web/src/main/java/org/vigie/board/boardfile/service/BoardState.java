package org.vigie.board.boardfile.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.group.Group;
import org.vigie.board.maintenance.MaintenanceWindow;
import org.vigie.board.notify.Channel;
import org.vigie.board.notify.ChannelKind.Field;
import org.vigie.board.notify.service.ChannelSettings;
import org.vigie.board.service.Service;
import org.vigie.board.settings.BoardSettings;
import org.vigie.board.status.Status;
import org.vigie.check.Pools;

/**
 * The board's configuration as a board file holds it: one map per thing, its fields in the file's order, defaults
 * left out, every list in the board's own order, so that two exports of the same board are the same bytes. Read in
 * the caller's transaction. The same model, with secrets as fingerprints, is what an import compares before and
 * after to say what changed.
 */
@ApplicationScoped
public class BoardState {

    /** The kinds a board file holds, in the order they are applied (each may name the ones before it). */
    static final List<String> KINDS = List.of("settings", "statuses", "groups", "services", "maintenance", "channels");

    private final ChannelSettings channelSettings;

    public BoardState(ChannelSettings channelSettings) {
        this.channelSettings = channelSettings;
    }

    /**
     * The document: {@code version} then each kind. With {@code secretsAsReferences}, a channel's secrets are the
     * references an export writes; without, fingerprints of their values (a change shows, the value never).
     */
    Map<String, Object> read(boolean secretsAsReferences) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 1);
        doc.put("settings", settings(BoardSettings.current()));
        doc.put("statuses", Status.inOrder().stream().map(BoardState::status).toList());
        doc.put("groups", Group.inOrder().stream().map(BoardState::group).toList());
        doc.put("services", Service.inOrder().stream().map(BoardState::service).toList());
        doc.put(
                "maintenance",
                MaintenanceWindow.<MaintenanceWindow>list("order by startsAt, title, id").stream()
                        .map(BoardState::window)
                        .toList());
        doc.put(
                "channels",
                Channel.inOrder().stream()
                        .map(c -> channel(c, secretsAsReferences))
                        .toList());
        return doc;
    }

    private static Map<String, Object> settings(BoardSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", s.name);
        put(m, "logoUrl", s.logoUrl);
        put(m, "reportUrl", s.reportUrl);
        m.put("historyDays", s.historyDays);
        put(m, "timeZone", s.timeZone);
        put(m, "accentColor", s.accentColor);
        if (s.footerLinks != null && !s.footerLinks.isBlank()) {
            m.put(
                    "footerLinks",
                    Arrays.stream(s.footerLinks.split("\\R"))
                            .map(String::strip)
                            .filter(l -> !l.isEmpty())
                            .toList());
        }
        return m;
    }

    private static Map<String, Object> status(Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", s.slug);
        put(m, "name", s.name);
        put(m, "description", s.description);
        m.put("severity", s.severity.name().toLowerCase(Locale.ROOT));
        put(m, "image", s.image);
        if (s.isDefault) {
            m.put("default", true);
        }
        return m;
    }

    private static Map<String, Object> group(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", g.slug);
        put(m, "name", g.name);
        put(m, "description", g.description);
        if (g.displayOrder != 0) {
            m.put("order", g.displayOrder);
        }
        return m;
    }

    private static Map<String, Object> service(Service s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", s.slug);
        put(m, "name", s.name);
        put(m, "description", s.description);
        if (s.group != null) {
            m.put("group", s.group.slug);
        }
        if (s.displayOrder != 0) {
            m.put("order", s.displayOrder);
        }
        put(m, "target", s.target);
        m.put("interval", Durations.format(s.checkIntervalSeconds));
        if (!s.poolList().equals(List.of(Pools.DEFAULT))) {
            m.put("pools", s.poolList());
        }
        if (s.poolQuorum != null) {
            m.put("quorum", s.poolQuorum);
        }
        if (s.incidents != null) {
            m.put("incidents", s.incidents.slug());
        }
        if (s.fullReasonsPublic) {
            m.put("fullReasonsPublic", true);
        }
        return m;
    }

    private static Map<String, Object> window(MaintenanceWindow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", w.title);
        put(m, "message", w.message);
        m.put("services", w.services.stream().map(row -> row.service.slug).toList());
        m.put("start", w.startsAt.toString());
        m.put("end", w.endsAt.toString());
        put(m, "repeat", w.repeatRule);
        return m;
    }

    private Map<String, Object> channel(Channel c, boolean secretsAsReferences) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name);
        m.put("kind", c.kind.slug());
        if (!c.enabled) {
            m.put("enabled", false);
        }
        m.put("events", c.eventSlugs());
        if (!c.services().isEmpty()) {
            m.put("services", c.services());
        }
        if (!c.groups().isEmpty()) {
            m.put("groups", c.groups());
        }
        if (c.renotifyEveryS != null) {
            m.put("renotify", Durations.format(c.renotifyEveryS));
        }
        if (!c.quietInMaintenance) {
            m.put("quietInMaintenance", false);
        }
        if (c.ratePerMinute != null) {
            m.put("ratePerMinute", c.ratePerMinute);
        }
        Map<String, String> plain = channelSettings.settings(c);
        Map<String, String> secret = channelSettings.readableSecrets(c);
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> secrets = new LinkedHashMap<>();
        for (Field f : c.kind.fields) { // the kind's order, whatever the stored JSON's
            if (!f.secret() && plain.containsKey(f.name())) {
                settings.put(f.name(), plain.get(f.name()));
            } else if (f.secret() && secret.containsKey(f.name())) {
                secrets.put(
                        f.name(),
                        secretsAsReferences
                                ? SecretReferences.of(c.name, f.name())
                                : fingerprint(secret.get(f.name())));
            }
        }
        if (!settings.isEmpty()) {
            m.put("settings", settings);
        }
        if (!secrets.isEmpty()) {
            m.put("secrets", secrets);
        }
        return m;
    }

    /** Only for comparing: never written anywhere. */
    private static String fingerprint(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blank texts are left out, as absent fields are: the file says only what is set. */
    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }

    /** The kind's items of a document {@link #read} made. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> doc, String kind) {
        Object v = doc.get(kind);
        if (v instanceof Map<?, ?> one) {
            return List.of((Map<String, Object>) one);
        }
        return v == null ? List.of() : new ArrayList<>((List<Map<String, Object>>) v);
    }
}
