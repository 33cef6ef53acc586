package org.vigie.worker.task;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.CheckTask;
import org.vigie.messaging.Payloads;

import com.fasterxml.jackson.databind.DeserializationFeature;
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

    private final ObjectReader tasks;

    TaskReader(ObjectMapper mapper) {
        // a field added by a newer dispatcher must not send every task to the dead letters
        this.tasks = mapper.readerFor(CheckTask.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public CheckTask read(Object payload) {
        byte[] json = bytes(payload);
        if (startsAnArray(json)) {
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

    private static boolean startsAnArray(byte[] json) {
        for (byte b : json) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
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
