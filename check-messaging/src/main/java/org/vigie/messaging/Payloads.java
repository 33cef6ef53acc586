package org.vigie.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The bytes of an incoming message's payload, whatever the connector made of it: a {@link JsonObject} or
 * {@link JsonArray} for valid JSON sent as {@code application/json}, {@code byte[]} for anything else (and for every
 * message of a channel with {@code content-type-override=application/octet-stream}, which spares that parse), sometimes a {@link String} or a buffer. Every
 * consumer reads a message's JSON from these bytes, so that one it cannot read can be dead-lettered as it came.
 */
public final class Payloads {

    private Payloads() {}

    /** The payload's bytes; empty for a payload of no known kind (null included). */
    public static Optional<byte[]> bytes(Object payload) {
        return Optional.ofNullable(
                switch (payload) {
                    case JsonObject object -> object.toBuffer().getBytes();
                    case JsonArray array -> array.toBuffer().getBytes();
                    case byte[] bytes -> bytes;
                    case String text -> text.getBytes(StandardCharsets.UTF_8);
                    case Buffer buffer -> buffer.getBytes();
                    case io.vertx.mutiny.core.buffer.Buffer buffer -> buffer.getBytes();
                    case null -> null;
                    default -> null;
                });
    }

    /**
     * Whether the JSON is an array: its first byte that is not white space is {@code [}. Tasks and results travel
     * alone as an object or several to a message as an array; this tells which without parsing.
     */
    public static boolean isArray(byte[] json) {
        for (byte b : json) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    /** What the payload is, for a message saying it could not be read. */
    public static String describe(Object payload) {
        return payload == null ? "null" : payload.getClass().getName();
    }
}
