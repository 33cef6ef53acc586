package org.vigie.board.boardfile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;

import org.vigie.board.boardfile.service.Differences.Report;
import org.vigie.board.boardfile.service.YamlTree.Entry;
import org.vigie.board.boardfile.service.YamlTree.Mapping;
import org.vigie.board.boardfile.service.YamlTree.Node;
import org.vigie.board.boardfile.service.YamlTree.Scalar;
import org.vigie.board.boardfile.service.YamlTree.Sequence;
import org.vigie.board.group.Group;
import org.vigie.board.group.GroupCatalog;
import org.vigie.board.group.GroupCatalog.GroupInput;
import org.vigie.board.maintenance.MaintenanceWindow;
import org.vigie.board.maintenance.service.MaintenanceCatalog;
import org.vigie.board.maintenance.service.MaintenanceCatalog.MaintenanceInput;
import org.vigie.board.notify.Channel;
import org.vigie.board.notify.ChannelKind;
import org.vigie.board.notify.ChannelKind.Field;
import org.vigie.board.notify.service.ChannelCatalog;
import org.vigie.board.notify.service.ChannelCatalog.ChannelInput;
import org.vigie.board.notify.service.ChannelSettings;
import org.vigie.board.service.Service;
import org.vigie.board.service.ServiceCatalog;
import org.vigie.board.service.ServiceCatalog.ServiceInput;
import org.vigie.board.settings.SettingsStore;
import org.vigie.board.settings.SettingsStore.SettingsInput;
import org.vigie.board.status.Status;
import org.vigie.board.status.StatusCatalog;
import org.vigie.board.status.StatusCatalog.StatusInput;
import org.vigie.board.web.Conflict;
import org.vigie.board.web.Inputs;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Exports the board's configuration as one YAML board file and applies one, in one transaction: each thing goes
 * through its own catalog (the same checks as the admin pages and the API, each refusal mapped back to its line and
 * field), then the board is read again to say what changed. A dry run does the same and rolls back. Things the file
 * leaves out stay, unless {@code prune}: then a kind the file lists is exactly the file's (a kind it does not
 * mention is left alone).
 */
@ApplicationScoped
public class BoardFiles {

    static final String HEADER =
            "# Vigie board file (docs/configuration-as-code.md). Channels' secrets are references:\n"
                    + "# board-web reads ${env:VIGIE_SECRET_...} from its own environment.\n";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    private final BoardState state;
    private final SettingsStore settings;
    private final StatusCatalog statuses;
    private final GroupCatalog groups;
    private final ServiceCatalog services;
    private final MaintenanceCatalog maintenance;
    private final ChannelCatalog channels;
    private final ChannelSettings channelSettings;
    private final EntityManager em;
    private final TransactionManager transactions;

    public BoardFiles(
            BoardState state,
            SettingsStore settings,
            StatusCatalog statuses,
            GroupCatalog groups,
            ServiceCatalog services,
            MaintenanceCatalog maintenance,
            ChannelCatalog channels,
            ChannelSettings channelSettings,
            EntityManager em,
            TransactionManager transactions) {
        this.state = state;
        this.settings = settings;
        this.statuses = statuses;
        this.groups = groups;
        this.services = services;
        this.maintenance = maintenance;
        this.channels = channels;
        this.channelSettings = channelSettings;
        this.em = em;
        this.transactions = transactions;
    }

    /** The board file: no secret in it, only references to them. */
    @Transactional
    public String export() {
        try {
            return HEADER + YAML.writeValueAsString(state.read(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies a board file, or with {@code dryRun} says what it would change and keeps nothing.
     *
     * @throws Problems.BoardFileInvalid naming each line and field at fault; nothing is applied then
     */
    @Transactional
    public Report apply(String text, boolean dryRun, boolean prune) {
        Problems problems = new Problems();
        Node root = YamlTree.parse(text, problems);
        problems.throwIfAny();
        if (!(root instanceof Mapping doc)) {
            problems.add(root.line(), "", "a board file is a mapping: version, settings, statuses, groups, ...");
            throw new Problems.BoardFileInvalid(problems.sorted());
        }
        Item top = new Item(doc, "", problems);
        top.known(Set.of("version", "settings", "statuses", "groups", "services", "maintenance", "channels"));
        String version = top.text("version");
        if (version != null && !version.equals("1")) {
            problems.add(top.line("version"), "version", "\"" + version + "\" is not 1, the only version there is");
        }

        Map<String, Object> before = state.read(false);
        Import run = new Import(top, problems, prune);
        run.settings();
        run.statuses();
        run.groups();
        run.services();
        run.maintenance();
        run.channels();
        run.prune();
        problems.throwIfAny();

        em.flush();
        em.clear(); // some catalogs change rows by query, behind the loaded entities: read the board afresh
        Report report = Differences.between(before, state.read(false), dryRun);
        if (dryRun) {
            try {
                transactions.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException("cannot roll the dry run back", e);
            }
        }
        return report;
    }

    /** One import: the file's kinds applied in order, what each named remembered for pruning. */
    private final class Import {

        private final Item top;
        private final Problems problems;
        private final boolean prune;
        private final List<Runnable> removals = new ArrayList<>();
        /** What the file's own things name: a prune never removes them from under it. */
        private final Set<String> servicesNamed = new HashSet<>();

        private final Set<String> groupsNamed = new HashSet<>();

        Import(Item top, Problems problems, boolean prune) {
            this.top = top;
            this.problems = problems;
            this.prune = prune;
        }

        void settings() {
            Item s = top.mapping("settings");
            if (s == null) {
                return;
            }
            s.known(Set.of("name", "logoUrl", "reportUrl", "historyDays", "timeZone", "accentColor", "footerLinks"));
            List<String> footer = s.list("footerLinks");
            SettingsInput in = new SettingsInput(
                    s.text("name"),
                    s.text("logoUrl"),
                    s.text("reportUrl"),
                    s.text("historyDays"),
                    s.text("timeZone"),
                    s.text("accentColor"),
                    footer == null ? null : String.join("\n", footer));
            s.apply(() -> settings.update(in), Map.of());
        }

        void statuses() {
            List<Item> items = top.items("statuses");
            if (items == null) {
                return;
            }
            Set<String> named = new HashSet<>();
            long defaults = 0;
            for (Item s : items) {
                s.known(Set.of("slug", "name", "description", "severity", "image", "default"));
                String slug = s.key(named, s.text("slug"), s.text("name"));
                String flag = s.text("default");
                Boolean isDefault = flag == null ? null : new Inputs().flag("default", flag);
                if (Boolean.TRUE.equals(isDefault) && ++defaults == 2) {
                    s.problem("default", "only one status is the default");
                }
                // false is no order to unset: the one marked true takes the default from the others
                StatusInput in = new StatusInput(
                        s.text("name"),
                        slug,
                        orEmpty(s.text("description")),
                        s.text("severity"),
                        s.text("image"),
                        Boolean.FALSE.equals(isDefault) ? null : flag);
                if (slug != null) {
                    s.apply(
                            () -> {
                                if (Status.findBySlug(slug).isPresent()) {
                                    statuses.update(slug, in);
                                } else {
                                    statuses.create(in);
                                }
                            },
                            Map.of());
                }
            }
            pruneLater(
                    "statuses",
                    () -> Status.<Status>listAll().stream()
                            .map(st -> st.slug)
                            .filter(slug -> !named.contains(slug))
                            .toList()
                            .forEach(slug -> remove("statuses", slug, Set.of(), () -> statuses.delete(slug))));
        }

        void groups() {
            List<Item> items = top.items("groups");
            if (items == null) {
                return;
            }
            Set<String> named = new HashSet<>();
            for (Item g : items) {
                g.known(Set.of("slug", "name", "description", "order"));
                String slug = g.key(named, g.text("slug"), g.text("name"));
                GroupInput in =
                        new GroupInput(g.text("name"), slug, orEmpty(g.text("description")), or(g.text("order"), "0"));
                if (slug != null) {
                    g.apply(
                            () -> {
                                if (Group.findBySlug(slug).isPresent()) {
                                    groups.update(slug, in);
                                } else {
                                    groups.create(in);
                                }
                            },
                            Map.of());
                }
            }
            pruneLater(
                    "groups",
                    () -> Group.inOrder().stream()
                            .map(gr -> gr.slug)
                            .filter(slug -> !named.contains(slug))
                            .toList()
                            .forEach(slug -> remove("groups", slug, groupsNamed, () -> groups.delete(slug))));
        }

        void services() {
            List<Item> items = top.items("services");
            if (items == null) {
                return;
            }
            Set<String> named = new HashSet<>();
            for (Item s : items) {
                s.known(Set.of(
                        "slug",
                        "name",
                        "description",
                        "group",
                        "order",
                        "target",
                        "interval",
                        "pools",
                        "quorum",
                        "incidents",
                        "fullReasonsPublic"));
                String slug = s.key(named, s.text("slug"), s.text("name"));
                List<String> pools = s.list("pools");
                if (Inputs.trimToNull(s.text("group")) != null) {
                    groupsNamed.add(s.text("group").trim());
                }
                ServiceInput in = new ServiceInput(
                        s.text("name"),
                        slug,
                        orEmpty(s.text("description")),
                        orEmpty(s.text("group")),
                        or(s.text("order"), "0"),
                        orEmpty(s.text("target")),
                        s.seconds("interval", 1, String.valueOf(Service.DEFAULT_INTERVAL_SECONDS)),
                        or(s.text("fullReasonsPublic"), "false"),
                        pools == null ? "" : String.join(",", pools),
                        orEmpty(s.text("quorum")),
                        orEmpty(s.text("incidents")));
                if (slug != null) {
                    s.apply(
                            () -> {
                                if (Service.findBySlug(slug).isPresent()) {
                                    services.update(slug, in);
                                } else {
                                    services.create(in);
                                }
                            },
                            Map.of());
                }
            }
            pruneLater(
                    "services",
                    () -> Service.inOrder().stream()
                            .map(sv -> sv.slug)
                            .filter(slug -> !named.contains(slug))
                            .toList()
                            .forEach(slug -> remove("services", slug, servicesNamed, () -> services.delete(slug))));
        }

        void maintenance() {
            List<Item> items = top.items("maintenance");
            if (items == null) {
                return;
            }
            Set<Long> matched = new HashSet<>();
            Set<String> named = new HashSet<>();
            for (Item w : items) {
                w.known(Set.of("title", "message", "services", "start", "end", "repeat"));
                List<String> covered = w.list("services");
                if (covered != null) {
                    covered.forEach(slug -> servicesNamed.add(slug.trim()));
                }
                MaintenanceInput in = new MaintenanceInput(
                        w.text("title"),
                        orEmpty(w.text("message")),
                        covered == null ? List.of() : covered,
                        w.text("start"),
                        w.text("end"),
                        orEmpty(w.text("repeat")));
                // a window is known by its title and start: change either and it is another window
                Instant start = new Inputs().instant("start", w.text("start"));
                String title = Inputs.trimToNull(w.text("title"));
                if (title != null && start != null && !named.add(title + " at " + start)) {
                    w.problem("title", "another window has this title and start");
                    continue;
                }
                MaintenanceWindow existing = title == null || start == null
                        ? null
                        : MaintenanceWindow.<MaintenanceWindow>find(
                                        "title = ?1 and startsAt = ?2 order by id", title, start)
                                .firstResult();
                w.apply(
                        () -> {
                            if (existing != null) {
                                matched.add(existing.id);
                                maintenance.update(existing.id, in);
                            } else {
                                matched.add(maintenance.create(in).id());
                            }
                        },
                        Map.of());
            }
            pruneLater(
                    "maintenance",
                    () -> MaintenanceWindow.<MaintenanceWindow>listAll().stream()
                            .filter(win -> !matched.contains(win.id))
                            .toList()
                            .forEach(win -> remove(
                                    "maintenance",
                                    win.title + " at " + win.startsAt,
                                    Set.of(),
                                    () -> maintenance.delete(win.id))));
        }

        void channels() {
            List<Item> items = top.items("channels");
            if (items == null) {
                return;
            }
            Set<String> named = new HashSet<>();
            for (Item c : items) {
                c.known(Set.of(
                        "name",
                        "kind",
                        "enabled",
                        "events",
                        "services",
                        "groups",
                        "renotify",
                        "quietInMaintenance",
                        "ratePerMinute",
                        "settings",
                        "secrets"));
                String name = Inputs.trimToNull(c.text("name"));
                if (name != null && !named.add(name)) {
                    c.problem("name", "another channel has this name");
                    continue;
                }
                Channel existing = name == null
                        ? null
                        : Channel.<Channel>find("name", name).firstResult();
                ChannelKind kind = c.text("kind") == null
                        ? null
                        : ChannelKind.of(c.text("kind")).orElse(null);
                Map<String, String> values = new LinkedHashMap<>();
                Map<String, String> fieldNames = new LinkedHashMap<>(Map.of("renotifyMinutes", "renotify"));
                Set<String> unresolved = new HashSet<>();
                if (kind != null) {
                    for (Field f : kind.fields) {
                        fieldNames.put(f.name(), (f.secret() ? "secrets." : "settings.") + f.name());
                        if (!f.secret()) {
                            values.put(f.name(), orEmpty(c.nested("settings", f.name())));
                        }
                    }
                    c.knownNested("settings", kind, false);
                    c.knownNested("secrets", kind, true);
                    Map<String, String> stored = existing == null || existing.kind != kind
                            ? Map.of()
                            : channelSettings.readableSecrets(existing);
                    for (Field f : kind.fields) {
                        String given = f.secret() ? c.nested("secrets", f.name()) : null;
                        if (given == null) {
                            continue;
                        }
                        String value = secret(c, f, given, unresolved);
                        if (value != null && !value.equals(stored.get(f.name()))) {
                            values.put(f.name(), value); // the same value is not sealed again: nothing changes
                        }
                        boolean readable = SecretReferences.variable(given)
                                .map(v -> v.startsWith(SecretReferences.PREFIX))
                                .orElse(true);
                        if (value == null && readable && f.required() && !stored.containsKey(f.name())) {
                            c.problem(
                                    "secrets." + f.name(),
                                    given.trim() + " is not set in board-web's environment, and the channel has"
                                            + " no " + f.name() + " yet");
                        }
                    }
                }
                List<String> events = c.list("events");
                List<String> coveredServices = c.list("services");
                List<String> coveredGroups = c.list("groups");
                if (coveredServices != null) {
                    coveredServices.forEach(slug -> servicesNamed.add(slug.trim()));
                }
                if (coveredGroups != null) {
                    coveredGroups.forEach(slug -> groupsNamed.add(slug.trim()));
                }
                String renotify = c.text("renotify") == null ? "" : c.minutes("renotify");
                ChannelInput in = new ChannelInput(
                        name,
                        c.text("kind"),
                        or(c.text("enabled"), "true"),
                        values.get("url"),
                        values.get("secret"),
                        values.get("headers"),
                        values.get("token"),
                        values.get("chatId"),
                        values.get("server"),
                        values.get("topic"),
                        values.get("routingKey"),
                        values.get("apiKey"),
                        values.get("host"),
                        values.get("port"),
                        values.get("security"),
                        values.get("username"),
                        values.get("password"),
                        values.get("from"),
                        values.get("to"),
                        events == null ? List.of() : events,
                        coveredServices == null ? List.of() : coveredServices,
                        coveredGroups == null ? List.of() : coveredGroups,
                        renotify,
                        or(c.text("quietInMaintenance"), "true"),
                        or(c.text("ratePerMinute"), "")); // absent: the board's default rate
                c.apply(
                        () -> {
                            if (existing != null) {
                                channels.update(existing.id, in);
                            } else {
                                channels.create(in);
                            }
                        },
                        fieldNames,
                        unresolved); // an unset reference is said above, better than "is required"
            }
            pruneLater(
                    "channels",
                    () -> Channel.inOrder().stream()
                            .filter(ch -> !named.contains(ch.name))
                            .toList()
                            .forEach(ch -> remove("channels", ch.name, Set.of(), () -> channels.delete(ch.id))));
        }

        /** A secret's value: a reference resolved (null when its variable is unset), or the value as written. */
        private String secret(Item c, Field f, String given, Set<String> unresolved) {
            var variable = SecretReferences.variable(given);
            if (variable.isEmpty()) {
                return given.trim();
            }
            if (!variable.get().startsWith(SecretReferences.PREFIX)) {
                c.problem(
                        "secrets." + f.name(),
                        given.trim() + ": only variables named " + SecretReferences.PREFIX + "... are read");
                unresolved.add(f.name());
                return null;
            }
            String value = SecretReferences.resolve(variable.get()).orElse(null);
            if (value == null) {
                unresolved.add(f.name());
            }
            return value;
        }

        /** Removals wait until every kind is applied, then run the other way round (channels before services...). */
        private void pruneLater(String kind, Runnable removal) {
            if (prune) {
                removals.addFirst(removal);
            }
        }

        /** Only for a file that is right so far; on a fresh session, so no loaded row still points at a removed one. */
        void prune() {
            if (removals.isEmpty() || problems.any()) {
                return;
            }
            em.flush();
            em.clear();
            removals.forEach(Runnable::run);
        }

        private void remove(String kind, String key, Set<String> stillNamed, Runnable removal) {
            if (stillNamed.contains(key)) {
                problems.add(
                        top.line(kind),
                        kind,
                        "cannot remove \"" + key + "\" (--prune): the file still names it; list it under " + kind);
                return;
            }
            try {
                removal.run();
            } catch (Conflict | NotFound e) {
                problems.add(top.line(kind), kind, "cannot remove \"" + key + "\" (--prune): " + e.getMessage());
            }
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String or(String text, String fallback) {
        return text == null ? fallback : text;
    }

    /** One mapping of the file, its path ({@code services[3]}), and what to say about its fields. */
    private static final class Item {

        private final Mapping map;
        private final String path;
        private final Problems problems;

        Item(Mapping map, String path, Problems problems) {
            this.map = map;
            this.path = path;
            this.problems = problems;
        }

        String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        /** The line of a field ({@code secrets.url} too), else of the mapping. */
        int line(String field) {
            Mapping m = map;
            int line = map.line();
            for (String part : field.split("\\.")) {
                Entry e = m == null ? null : m.entries().get(part);
                if (e == null) {
                    return line;
                }
                line = e.keyLine();
                m = e.value() instanceof Mapping inner ? inner : null;
            }
            return line;
        }

        void problem(String field, String message) {
            problems.add(line(field), at(field), message);
        }

        void known(Set<String> fields) {
            map.entries().forEach((key, e) -> {
                if (!fields.contains(key)) {
                    problems.add(
                            e.keyLine(),
                            at(key),
                            "is not a field here (fields: " + String.join(", ", sorted(fields)) + ")");
                }
            });
        }

        /** A channel's settings or secrets must be the kind's plain or secret fields. */
        void knownNested(String section, ChannelKind kind, boolean secret) {
            Item inner = mapping(section);
            if (inner == null) {
                return;
            }
            Set<String> fields = new HashSet<>();
            kind.fields.stream().filter(f -> f.secret() == secret).forEach(f -> fields.add(f.name()));
            inner.map.entries().forEach((key, e) -> {
                if (!fields.contains(key)) {
                    String where = kind.field(key).isPresent() ? (secret ? "settings" : "secrets") : null;
                    problems.add(
                            e.keyLine(),
                            inner.at(key),
                            where != null
                                    ? "belongs under " + where
                                    : "is not a " + (secret ? "secret" : "setting") + " of a " + kind.slug()
                                            + " channel"
                                            + (fields.isEmpty() ? "" : " (" + String.join(", ", sorted(fields)) + ")"));
                }
            });
        }

        /** A scalar's text; null when absent or null. A list or mapping where a value belongs is a problem. */
        String text(String field) {
            Entry e = map.entries().get(field);
            if (e == null) {
                return null;
            }
            if (e.value() instanceof Scalar s) {
                return s.text();
            }
            problems.add(e.keyLine(), at(field), "must be a single value, not a list or a mapping");
            return null;
        }

        /** A list of scalars (one value alone is a list of one); null when absent. */
        List<String> list(String field) {
            Entry e = map.entries().get(field);
            if (e == null) {
                return null;
            }
            if (e.value() instanceof Scalar s) {
                return s.text() == null ? List.of() : List.of(s.text());
            }
            if (!(e.value() instanceof Sequence seq)) {
                problems.add(e.keyLine(), at(field), "must be a list");
                return List.of();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                if (seq.items().get(i) instanceof Scalar s) {
                    if (s.text() != null) {
                        values.add(s.text());
                    }
                } else {
                    problems.add(seq.items().get(i).line(), at(field) + "[" + i + "]", "must be a single value");
                }
            }
            return values;
        }

        Item mapping(String field) {
            Entry e = map.entries().get(field);
            if (e == null || (e.value() instanceof Scalar s && s.text() == null)) {
                return null;
            }
            if (e.value() instanceof Mapping m) {
                return new Item(m, at(field), problems);
            }
            problems.add(e.keyLine(), at(field), "must be a mapping (field: value)");
            return null;
        }

        String nested(String section, String field) {
            Item inner = mapping(section);
            return inner == null ? null : inner.text(field);
        }

        /** The kind's items; null when the file does not list the kind (it is then left alone). */
        List<Item> items(String kind) {
            Entry e = map.entries().get(kind);
            if (e == null) {
                return null;
            }
            if (e.value() instanceof Scalar s && s.text() == null) {
                return List.of();
            }
            if (!(e.value() instanceof Sequence seq)) {
                problems.add(e.keyLine(), kind, "must be a list");
                return List.of();
            }
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < seq.items().size(); i++) {
                Node n = seq.items().get(i);
                if (n instanceof Mapping m) {
                    items.add(new Item(m, kind + "[" + i + "]", problems));
                } else {
                    problems.add(n.line(), kind + "[" + i + "]", "must be a mapping (field: value)");
                }
            }
            return items;
        }

        /** The thing's slug: the one given, else made from its name, as the catalogs make it; once per file. */
        String key(Set<String> named, String slug, String name) {
            String field = Inputs.trimToNull(slug) != null ? "slug" : "name";
            String given = Inputs.trimToNull(field.equals("slug") ? slug : name);
            if (given == null) {
                problem("name", "is required");
                return null;
            }
            String key = Inputs.slugify(given);
            if (key.isEmpty()) {
                problem(field, "cannot make a slug from \"" + given + "\"; give one with letters or digits");
                return null;
            }
            if (!named.add(key)) {
                problem(field, "\"" + key + "\" is given twice");
                return null;
            }
            return key;
        }

        /** A duration as whole seconds in text, for the catalogs; the fallback when absent. */
        String seconds(String field, int unit, String fallback) {
            String text = text(field);
            if (text == null) {
                return fallback;
            }
            var seconds = Durations.seconds(text);
            if (seconds.isEmpty()) {
                problem(field, Durations.notADuration(text));
                return null;
            }
            if (seconds.get() % unit != 0) {
                problem(field, "\"" + text + "\" is not a whole number of minutes");
                return null;
            }
            return String.valueOf(seconds.get() / unit);
        }

        String minutes(String field) {
            return seconds(field, 60, "");
        }

        void apply(Runnable change, Map<String, String> fieldNames) {
            apply(change, fieldNames, Set.of());
        }

        /**
         * Runs a catalog's change; what it refuses becomes problems at the fields' lines ({@code fieldNames}: the
         * catalog's name of a field to the file's, when they differ). Fields already said wrong are not said twice.
         */
        void apply(Runnable change, Map<String, String> fieldNames, Set<String> alreadySaid) {
            try {
                change.run();
            } catch (InvalidInput e) {
                e.errors().forEach((field, message) -> {
                    if (!alreadySaid.contains(field)) {
                        String name = fieldNames.getOrDefault(field, field);
                        problems.add(line(name), at(name), withoutField(field, message));
                    }
                });
            } catch (Conflict | NotFound e) {
                problems.add(map.line(), path, e.getMessage());
            }
        }

        private static List<String> sorted(Set<String> fields) {
            return fields.stream().sorted().toList();
        }

        /** "interval must be between..." reads "must be between..." after the field's path. */
        private static String withoutField(String field, String message) {
            for (String lead : List.of(field + ": ", field + " ")) {
                if (message.startsWith(lead)) {
                    return message.substring(lead.length());
                }
            }
            return message;
        }
    }
}
