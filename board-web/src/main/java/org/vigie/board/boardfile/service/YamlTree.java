package org.vigie.board.boardfile.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML document read token by token into mappings, sequences and scalars that each keep their line: a tree Jackson
 * would build forgets them, and every error in a board file names its line. Scalars stay text (the fields say what
 * they must be), so {@code 60}, {@code true} and {@code 2026-01-10T02:00:00Z} reach the catalogs as typed.
 */
final class YamlTree {

    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlTree() {}

    sealed interface Node permits Scalar, Mapping, Sequence {
        int line();
    }

    /** A scalar's text; null for {@code ~}, {@code null} or nothing. */
    record Scalar(String text, int line) implements Node {}

    /** A key's value and the key's own line (where an error about that field points). */
    record Entry(Node value, int keyLine) {}

    record Mapping(Map<String, Entry> entries, int line) implements Node {}

    record Sequence(List<Node> items, int line) implements Node {}

    /**
     * The document, or the problem that stops it being read (not YAML, a key twice): the line the parser stopped at.
     */
    static Node parse(String text, Problems problems) {
        try (JsonParser p = YAML.createParser(text)) {
            if (p.nextToken() == null) {
                return new Mapping(Map.of(), 1);
            }
            return read(p, "", problems);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                // the parser's own words, on one line, at the line where it gave up
                String context = m.getContext() == null ? "" : m.getContext() + ": ";
                problems.add(m.getProblemMark().getLine() + 1, "", "not YAML: " + context + m.getProblem());
            } else {
                JsonLocation at = e.getLocation();
                String message = e.getOriginalMessage().lines().findFirst().orElse("");
                problems.add(at == null ? 1 : Math.max(1, at.getLineNr()), "", "not YAML: " + message);
            }
        } catch (IOException e) {
            problems.add(1, "", "cannot be read: " + e.getMessage());
        }
        return null;
    }

    private static Node read(JsonParser p, String path, Problems problems) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                String at = path.isEmpty() ? key : path + "." + key;
                Node value = read(p, at, problems);
                if (entries.putIfAbsent(key, new Entry(value, keyLine)) != null) {
                    problems.add(keyLine, at, "given twice in the same place");
                }
            }
            return new Mapping(entries, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, path + "[" + items.size() + "]", problems));
            }
            return new Sequence(items, line);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? null : p.getText(), line);
    }
}
