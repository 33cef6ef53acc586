package org.vigie.board.boardfile.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an import changes, per kind and thing, field by field: the board before and after it, as {@link BoardState}
 * reads them. A secret's change shows as such, its value never.
 */
public final class Differences {

    /** One field: its value before and after; null where it was or is not set. */
    public record FieldChange(String field, String from, String to) {}

    /** {@code change}: added, changed or removed. */
    public record Change(String kind, String key, String change, List<FieldChange> fields) {}

    /** The import's answer: every change in the file's order of kinds; nothing was kept when {@code dryRun}. */
    public record Report(boolean dryRun, int added, int changed, int removed, List<Change> changes) {

        /** The changes as the command prints them, one line per thing and one per field, then a count. */
        public String text() {
            StringBuilder out = new StringBuilder();
            for (Change c : changes) {
                String mark = switch (c.change()) {
                    case "added" -> "+";
                    case "removed" -> "-";
                    default -> "~";
                };
                out.append(mark).append(' ').append(c.kind());
                if (!c.key().isEmpty()) {
                    out.append(' ').append(c.key());
                }
                out.append('\n');
                for (FieldChange f : c.fields()) {
                    out.append("    ").append(f.field()).append(": ");
                    if (c.change().equals("changed")) {
                        out.append(shown(f.from())).append(" -> ");
                    }
                    out.append(shown(f.to())).append('\n');
                }
            }
            out.append(summary()).append('\n');
            return out.toString();
        }

        /** One line: what the import did, or would have done. */
        public String summary() {
            String counts = added + " added, " + changed + " changed, " + removed + " removed";
            if (changes.isEmpty()) {
                return dryRun ? "dry run: no differences" : "no changes: the board already matches the file";
            }
            return dryRun ? "dry run: " + counts + "; nothing was changed" : counts;
        }

        private static String shown(String value) {
            return value == null ? "(none)" : value;
        }
    }

    private Differences() {}

    static Report between(Map<String, Object> before, Map<String, Object> after, boolean dryRun) {
        List<Change> changes = new ArrayList<>();
        for (String kind : BoardState.KINDS) {
            Map<String, Map<String, Object>> was = keyed(kind, BoardState.items(before, kind));
            Map<String, Map<String, Object>> is = keyed(kind, BoardState.items(after, kind));
            Set<String> keys = new LinkedHashSet<>(is.keySet());
            keys.addAll(was.keySet());
            for (String key : keys) {
                Map<String, String> from = flat(was.get(key));
                Map<String, String> to = flat(is.get(key));
                if (from.equals(to)) {
                    continue;
                }
                String change = !was.containsKey(key) ? "added" : !is.containsKey(key) ? "removed" : "changed";
                List<FieldChange> fields = new ArrayList<>();
                if (!change.equals("removed")) {
                    Set<String> names = new LinkedHashSet<>(to.keySet());
                    names.addAll(from.keySet());
                    for (String name : names) {
                        if (!Objects.equals(from.get(name), to.get(name))) {
                            fields.add(
                                    name.startsWith("secrets.")
                                            ? new FieldChange(
                                                    name,
                                                    from.get(name) == null ? null : "(secret)",
                                                    to.get(name) == null ? null : "(secret, new value)")
                                            : new FieldChange(name, from.get(name), to.get(name)));
                        }
                    }
                }
                changes.add(new Change(kind, key, change, fields));
            }
        }
        return new Report(
                dryRun,
                count(changes, "added"),
                count(changes, "changed"),
                count(changes, "removed"),
                List.copyOf(changes));
    }

    /** What a thing of a kind is known by in a file: its slug, its name, or a window's title and start. */
    static String key(String kind, Map<String, Object> item) {
        return switch (kind) {
            case "settings" -> "";
            case "channels" -> String.valueOf(item.get("name"));
            case "maintenance" -> item.get("title") + " at " + item.get("start");
            default -> String.valueOf(item.get("slug"));
        };
    }

    private static Map<String, Map<String, Object>> keyed(String kind, List<Map<String, Object>> items) {
        Map<String, Map<String, Object>> keyed = new LinkedHashMap<>();
        items.forEach(item -> keyed.putIfAbsent(key(kind, item), item));
        return keyed;
    }

    /** Nested maps as dotted names, lists as {@code [a, b]}: a field's value as the differences show it. */
    private static Map<String, String> flat(Map<String, Object> item) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (item != null) {
            flatten("", item, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String name = prefix + k;
            if (v instanceof Map<?, ?> inner) {
                flatten(name + ".", inner, into);
            } else if (v instanceof List<?> list) {
                into.put(name, list.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]")));
            } else {
                into.put(name, String.valueOf(v));
            }
        });
    }

    private static int count(List<Change> changes, String change) {
        return (int) changes.stream().filter(c -> c.change().equals(change)).count();
    }
}
