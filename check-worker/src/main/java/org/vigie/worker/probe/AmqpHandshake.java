package org.vigie.worker.probe;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * AMQP 0-9-1: the protocol header {@code AMQP 0 0 9 1}, then the broker's Connection.Start (a method frame on channel
 * 0, class 10, method 10). Up, with the broker's {@code product} and {@code version} server properties when it gives
 * them ({@code RabbitMQ 3.10.8}). A broker that answers with a protocol header of its own wants another protocol
 * version, and is an AMQP server all the same: up, noted. Anything else is not AMQP. The probe then closes: before
 * Connection.Start-Ok, closing the socket is the protocol's way to decline.
 */
final class AmqpHandshake {

    static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};

    private static final int FRAME_HEADER = 7;
    private static final int FRAME_METHOD = 1;
    private static final int FRAME_END = 0xCE;
    private static final String NOT_AMQP = "not an AMQP server";
    private static final String ANSWERED = "AMQP answered";

    private AmqpHandshake() {}

    static Future<Verdict> talk(Conversation c) {
        c.write(Buffer.buffer(PROTOCOL_HEADER));
        return c.bytes("Connection.Start", FRAME_HEADER).compose(header -> {
            if (header.getString(0, 4, StandardCharsets.ISO_8859_1.name()).equals("AMQP")) {
                return c.bytes("the protocol header", 1).map(last -> {
                    Buffer wanted = header.copy().appendBuffer(last);
                    String version = wanted.getUnsignedByte(5) + "-" + wanted.getUnsignedByte(6) + "-"
                            + wanted.getUnsignedByte(7);
                    c.banner("AMQP " + wanted.getUnsignedByte(4) + " " + version);
                    return c.up("AMQP answered (wants protocol " + version + ")", ANSWERED);
                });
            }
            long size = header.getUnsignedInt(3);
            if (header.getUnsignedByte(0) != FRAME_METHOD
                    || header.getUnsignedShort(1) != 0
                    || size < 4
                    || size > Conversation.MAX_BYTES - FRAME_HEADER - 1) {
                return Future.succeededFuture(c.down(NOT_AMQP, NOT_AMQP));
            }
            return c.bytes("Connection.Start", (int) size + 1).map(frame -> {
                if (frame.getUnsignedByte((int) size) != FRAME_END
                        || frame.getUnsignedShort(0) != 10
                        || frame.getUnsignedShort(2) != 10) {
                    return c.down(NOT_AMQP, NOT_AMQP);
                }
                Map<String, String> properties = serverProperties(frame.getBuffer(0, (int) size));
                String product = properties.getOrDefault("product", "AMQP");
                String version = properties.get("version");
                String name = product + (version == null ? "" : " " + version);
                c.banner(name);
                // the product and version the broker tells: admins only
                return c.up(Conversation.printable(name, Conversation.MAX_TEXT), ANSWERED);
            });
        });
    }

    /**
     * The string-valued server properties of a Connection.Start method payload (class, method, version-major,
     * version-minor, then the field table); empty when the table cannot be read.
     */
    static Map<String, String> serverProperties(Buffer method) {
        Map<String, String> strings = new HashMap<>();
        try {
            int at = 6;
            long tableLength = method.getUnsignedInt(at);
            at += 4;
            int end = (int) Math.min(method.length(), at + tableLength);
            while (at < end) {
                int nameLength = method.getUnsignedByte(at);
                String name = method.getString(at + 1, at + 1 + nameLength, StandardCharsets.UTF_8.name());
                at += 1 + nameLength;
                char type = (char) method.getUnsignedByte(at++);
                int skip = switch (type) {
                    case 't', 'b', 'B' -> 1;
                    case 's', 'u' -> 2;
                    case 'I', 'i', 'f' -> 4;
                    case 'l', 'L', 'd', 'T' -> 8;
                    case 'D' -> 5;
                    case 'V' -> 0;
                    case 'S', 'x', 'A', 'F' -> 4 + (int) method.getUnsignedInt(at);
                    default -> -1;
                };
                if (skip < 0) {
                    break; // a type we do not know: its length neither
                }
                if (type == 'S') {
                    strings.put(name, method.getString(at + 4, at + skip, StandardCharsets.UTF_8.name()));
                }
                at += skip;
            }
        } catch (IndexOutOfBoundsException e) {
            // a truncated table: keep what was read
        }
        return strings;
    }
}
