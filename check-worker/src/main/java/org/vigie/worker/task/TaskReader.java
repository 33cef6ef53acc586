package org.vigie.worker.task;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.CheckTask;
import org.vigie.messaging.Payloads;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a task message's payload: the {@code byte[]} as sent (the task channels override the content type), or,
 * from a channel configured otherwise, a {@link JsonObject} for a JSON object sent as {@code application/json} or a
 * {@code String} for {@code text/plain}. {@link CheckTask} validates itself in its constructor.
 */
@ApplicationScoped
public class TaskReader {

    private final ObjectMapper mapper;
    private final ObjectReader tasks;
    private final ObjectReader taskArrays;

    TaskReader(ObjectMapper mapper) {
        this.mapper = mapper;
        // a field added by a newer dispatcher must not send every task to the dead letters
        this.tasks = mapper.readerFor(CheckTask.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.taskArrays =
                mapper.readerFor(CheckTask[].class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The tasks of a message carrying several (a JSON array of task objects), in order: each read, or, when it cannot
     * be, its JSON as it came ({@code byte[]}: reading it again with {@link #read} says why). Null for anything else:
     * a message of one task, or a payload that is no JSON array of objects ({@link #read} refuses it whole).
     */
    public List<Object> readAll(Object payload) {
        byte[] json = Payloads.bytes(payload).orElse(null);
        if (json == null || !Payloads.isArray(json)) {
            return null;
        }
        try {
            // the usual case: every task readable, in one pass
            CheckTask[] all = taskArrays.readValue(json);
            if (all != null && all.length > 0 && Arrays.stream(all).allMatch(Objects::nonNull)) {
                return List.of((Object[]) all);
            }
        } catch (IOException | IllegalArgumentException e) {
            // one unreadable task (or none at all): sort them out one by one below
        }
        JsonNode array;
        try {
            array = mapper.readTree(json);
        } catch (IOException e) {
            return null;
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            return null;
        }
        List<Object> read = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            try {
                CheckTask task = element.isObject() ? tasks.readValue(element) : null;
                read.add(task != null ? task : write(element));
            } catch (IOException | IllegalArgumentException e) {
                read.add(write(element));
            }
        }
        return read;
    }

    /** A task's JSON, as its dead letter carries it. */
    public byte[] write(Object task) {
        try {
            return mapper.writeValueAsBytes(task);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a task back to JSON", e);
        }
    }

    public CheckTask read(Object payload) {
        byte[] json = bytes(payload);
        if (Payloads.isArray(json)) {
            throw new MalformedTaskException("a task is a JSON object, got a JSON array", null);
        }
        try {
            CheckTask task = tasks.readValue(json);
            if (task == null) {
                throw new MalformedTaskException("a task is a JSON object, got null", null);
            }
            return task;
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedTaskException("unreadable task: " + rootMessage(e), e);
        }
    }

    /** The payload as the bytes of a task's JSON. */
    static byte[] bytes(Object payload) {
        if (payload == null) {
            throw new MalformedTaskException("empty task message", null);
        }
        return Payloads.bytes(payload)
                .orElseThrow(
                        () -> new MalformedTaskException("a task is a JSON object, got " + describe(payload), null));
    }

    private static String describe(Object payload) {
        return payload instanceof JsonArray
                ? "a JSON array"
                : payload.getClass().getSimpleName();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
