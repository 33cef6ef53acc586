package org.vigie.board.notify.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.notify.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads and writes a channel's settings: the plain ones as JSON, the secret ones as JSON sealed by {@link SecretBox}. */
@ApplicationScoped
public class ChannelSettings {

    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

    private final ObjectMapper json;
    private final SecretBox box;

    public ChannelSettings(ObjectMapper json, SecretBox box) {
        this.json = json;
        this.box = box;
    }

    public Map<String, String> settings(Channel c) {
        return read(c.settings);
    }

    /** The decrypted secrets: for delivery only, never for a page or an API answer. */
    public Map<String, String> secrets(Channel c) {
        return c.secrets == null ? new LinkedHashMap<>() : read(box.decrypt(c.secrets));
    }

    /**
     * Secrets that did not change keep their sealed text: a save (or an import) that changes nothing writes nothing.
     * Secrets sealed under another key are sealed again under this one.
     */
    void store(Channel c, Map<String, String> settings, Map<String, String> secrets) {
        c.settings = write(settings);
        if (secrets.isEmpty()) {
            c.secrets = null;
        } else if (!secrets.equals(readableSecrets(c))) {
            c.secrets = box.encrypt(write(secrets));
        }
    }

    /** The secrets, or none when they were sealed under another key (shown as not set, to be typed again). */
    public Map<String, String> readableSecrets(Channel c) {
        try {
            return secrets(c);
        } catch (IllegalStateException e) {
            return Map.of();
        }
    }

    private Map<String, String> read(String text) {
        try {
            return text == null || text.isBlank() ? new LinkedHashMap<>() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a channel's settings are not JSON", e);
        }
    }

    private String write(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
