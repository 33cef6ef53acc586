package org.vigie.worker.probe;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * MQTT 3.1.1: CONNECT (clean session, a client id of its own, no credentials), then the broker's CONNACK. Accepted:
 * up, and a DISCONNECT. Refused for credentials (bad user name or password, not authorized): an MQTT broker all the
 * same, up, noted. Refused otherwise (protocol version, identifier, server unavailable): down.
 */
final class MqttHandshake {

    private static final int CONNACK = 0x20;

    private MqttHandshake() {}

    static Future<Verdict> talk(Conversation c) {
        c.write(connect(
                "vigie-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36), 10));
        return c.bytes("the CONNACK", 4).map(connack -> {
            c.banner(Conversation.describe(connack));
            if (connack.getUnsignedByte(0) != CONNACK
                    || connack.getUnsignedByte(1) != 2
                    || (connack.getUnsignedByte(2) & 0xFE) != 0) {
                return down(c, "not an MQTT server");
            }
            int code = connack.getUnsignedByte(3);
            return switch (code) {
                case 0 -> {
                    c.settle(up(c, "MQTT CONNACK accepted"));
                    c.write(Buffer.buffer(new byte[] {(byte) 0xE0, 0}));
                    yield up(c, "MQTT CONNACK accepted");
                }
                case 4 -> up(c, "MQTT answered (auth required: bad user name or password)");
                case 5 -> up(c, "MQTT answered (auth required: not authorized)");
                case 1 -> down(c, "MQTT: unacceptable protocol version");
                case 2 -> down(c, "MQTT: client identifier rejected");
                case 3 -> down(c, "MQTT: server unavailable");
                default -> {
                    String refused = "MQTT: CONNACK refused with code " + code;
                    yield down(c, refused);
                }
            };
        });
    }

    // Vigie's words and the broker's return code: each reason is public as it is

    private static Verdict up(Conversation c, String reason) {
        return c.up(reason, reason);
    }

    private static Verdict down(Conversation c, String reason) {
        return c.down(reason, reason);
    }

    /** A CONNECT packet: protocol level 4 (3.1.1), clean session, no will, no credentials. */
    static Buffer connect(String clientId, int keepAliveSeconds) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        Buffer variable = Buffer.buffer()
                .appendUnsignedShort(4)
                .appendString("MQTT", "US-ASCII")
                .appendByte((byte) 4)
                .appendByte((byte) 0x02)
                .appendUnsignedShort(keepAliveSeconds)
                .appendUnsignedShort(id.length)
                .appendBytes(id);
        Buffer packet = Buffer.buffer().appendByte((byte) 0x10);
        int remaining = variable.length();
        do {
            int digit = remaining % 128;
            remaining /= 128;
            packet.appendByte((byte) (remaining > 0 ? digit | 0x80 : digit));
        } while (remaining > 0);
        return packet.appendBuffer(variable);
    }
}
