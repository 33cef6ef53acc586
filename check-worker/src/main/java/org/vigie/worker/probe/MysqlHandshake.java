package org.vigie.worker.probe;

import java.nio.charset.StandardCharsets;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * MySQL and MariaDB: the server speaks first, with its initial handshake packet (protocol version 10 and the server
 * version). Up with that version; an ERR packet instead (too many connections, host blocked, host not allowed) is
 * down with the server's message; anything else is not MySQL.
 * <p>
 * Then a goodbye that costs the target nothing: a server counts connections that end in the middle of the handshake,
 * and blocks a host after {@code max_connect_errors} of them in a row ("Host is blocked because of many connection
 * errors"), a well-known trap for health checks. So the probe answers the handshake as user {@value #USER} with no
 * password and no database, reads the server's answer (a login failure is not a blocking error), and quits.
 * An operator who wants quiet server logs creates that user without privileges. The verdict does not depend on this
 * goodbye.
 */
final class MysqlHandshake {

    /** The user the goodbye logs in as. */
    static final String USER = "vigie";

    private static final int HEADER = 4;
    private static final String NOT_MYSQL = "not a MySQL server";
    private static final int OK = 0x00;
    private static final int ERR = 0xFF;
    private static final int AUTH_SWITCH = 0xFE;
    private static final int CLIENT_LONG_PASSWORD = 0x1;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;

    private MysqlHandshake() {}

    /** One packet: its sequence number and payload. */
    record Packet(int sequence, Buffer payload) {
        int type() {
            return payload.length() == 0 ? -1 : payload.getUnsignedByte(0);
        }
    }

    /** What the initial handshake says. */
    record Greeting(int protocol, String serverVersion, long capabilities, String authPlugin) {}

    static Future<Verdict> talk(Conversation c) {
        return packet(c, "the handshake packet").compose(packet -> {
            if (packet.type() == ERR) {
                String error = error(packet.payload());
                c.banner(error);
                return Future.succeededFuture(
                        c.down("MySQL " + Conversation.printable(error, Conversation.MAX_TEXT), "MySQL error"));
            }
            Greeting greeting = greeting(packet.payload());
            if (greeting == null) {
                c.banner(packet.payload().getString(0, packet.payload().length(), StandardCharsets.ISO_8859_1.name()));
                return Future.succeededFuture(c.down(NOT_MYSQL, NOT_MYSQL));
            }
            c.banner(greeting.serverVersion());
            // the server's version: admins only
            Verdict up = c.up(
                    "MySQL " + Conversation.printable(displayVersion(greeting.serverVersion()), Conversation.MAX_TEXT),
                    "MySQL answered");
            c.settle(up);
            if ((greeting.capabilities() & CLIENT_PROTOCOL_41) == 0) {
                return Future.succeededFuture(up);
            }
            // whatever the goodbye meets, the verdict stands
            return goodbye(c, greeting).transform(done -> Future.succeededFuture(up));
        });
    }

    /** Logs in as {@link #USER} without a password, follows up to two auth switches, quits if let in. */
    private static Future<Void> goodbye(Conversation c, Greeting greeting) {
        c.write(frame(1, handshakeResponse(greeting)));
        return answer(c, 2);
    }

    private static Future<Void> answer(Conversation c, int switchesLeft) {
        return packet(c, "the login reply").compose(reply -> {
            if (reply.type() == OK) {
                c.write(frame(0, Buffer.buffer().appendByte((byte) 0x01)));
                c.evidence("login", "accepted as " + USER);
            } else if (reply.type() == ERR) {
                c.evidence("login", error(reply.payload()));
            } else if (reply.type() == AUTH_SWITCH && switchesLeft > 0) {
                // an empty password is an empty answer, whatever the method
                c.write(frame(reply.sequence() + 1, Buffer.buffer()));
                return answer(c, switchesLeft - 1);
            }
            return Future.succeededFuture();
        });
    }

    static Future<Packet> packet(Conversation c, String what) {
        return c.read(what, buffer -> {
            if (buffer.length() < HEADER) {
                return null;
            }
            int length = buffer.getUnsignedMediumLE(0);
            if (length == 0 || length > Conversation.MAX_BYTES - HEADER) {
                // "HTTP/1.1 ...", "220 ...", "SSH-2.0...": three text bytes read as a length are millions
                throw new Conversation.Unexpected(NOT_MYSQL);
            }
            if (buffer.length() < HEADER + length) {
                return null;
            }
            return new Conversation.Parsed<>(
                    new Packet(buffer.getUnsignedByte(3), buffer.getBuffer(HEADER, HEADER + length)), HEADER + length);
        });
    }

    /** The initial handshake (protocol 10, or 9 of very old servers), or null when the payload is not one. */
    static Greeting greeting(Buffer payload) {
        int protocol = payload.getUnsignedByte(0);
        if (protocol != 10 && protocol != 9) {
            return null;
        }
        int end = indexOfZero(payload, 1);
        if (end < 0 || end == 1) {
            return null;
        }
        String version = payload.getString(1, end, StandardCharsets.ISO_8859_1.name());
        for (int i = 0; i < version.length(); i++) {
            if (version.charAt(i) < 0x20 || version.charAt(i) > 0x7e) {
                return null;
            }
        }
        if (protocol == 9) {
            return new Greeting(protocol, version, 0, null);
        }
        // connection id (4), auth data part 1 (8), filler (1), capabilities (2 low), charset (1), status (2),
        // capabilities (2 high), auth data length (1), reserved (10), auth data part 2, auth plugin name
        int at = end + 1 + 4 + 8 + 1;
        if (payload.length() < at + 2) {
            return null;
        }
        long capabilities = payload.getUnsignedShortLE(at);
        at += 2;
        String plugin = null;
        if (payload.length() >= at + 5) {
            capabilities |= ((long) payload.getUnsignedShortLE(at + 3)) << 16;
            int authLength = payload.getUnsignedByte(at + 5);
            at += 5 + 1 + 10;
            if ((capabilities & CLIENT_SECURE_CONNECTION) != 0) {
                at += Math.max(13, authLength - 8);
            }
            if ((capabilities & CLIENT_PLUGIN_AUTH) != 0 && at < payload.length()) {
                int pluginEnd = indexOfZero(payload, at);
                plugin = payload.getString(
                        at, pluginEnd < 0 ? payload.length() : pluginEnd, StandardCharsets.ISO_8859_1.name());
            }
        }
        return new Greeting(protocol, version, capabilities, plugin);
    }

    /** {@code 1040 Too many connections}, from an ERR packet. */
    static String error(Buffer payload) {
        if (payload.length() < 3) {
            return "error";
        }
        int code = payload.getUnsignedShortLE(1);
        int at = 3;
        if (payload.length() >= 9 && payload.getByte(3) == '#') {
            at = 9;
        }
        return "error " + code + ": " + payload.getString(at, payload.length(), StandardCharsets.UTF_8.name());
    }

    /** MariaDB announces itself as {@code 5.5.5-10.11.6-MariaDB} to old clients: the prefix says nothing. */
    static String displayVersion(String serverVersion) {
        return serverVersion.startsWith("5.5.5-") && serverVersion.contains("MariaDB")
                ? serverVersion.substring(6)
                : serverVersion;
    }

    private static Buffer handshakeResponse(Greeting greeting) {
        boolean pluginAuth = (greeting.capabilities() & CLIENT_PLUGIN_AUTH) != 0;
        int capabilities = CLIENT_LONG_PASSWORD
                | CLIENT_PROTOCOL_41
                | CLIENT_SECURE_CONNECTION
                | (pluginAuth ? CLIENT_PLUGIN_AUTH : 0);
        Buffer response = Buffer.buffer()
                .appendIntLE(capabilities)
                .appendIntLE(1 << 24)
                .appendByte((byte) 33) // utf8_general_ci
                .appendBytes(new byte[23])
                .appendString(USER, "US-ASCII")
                .appendByte((byte) 0)
                .appendByte((byte) 0); // no password: an empty auth response
        if (pluginAuth) {
            String plugin =
                    greeting.authPlugin() == null || greeting.authPlugin().isEmpty()
                            ? "mysql_native_password"
                            : greeting.authPlugin();
            response.appendString(plugin, "US-ASCII").appendByte((byte) 0);
        }
        return response;
    }

    private static Buffer frame(int sequence, Buffer payload) {
        return Buffer.buffer()
                .appendMediumLE(payload.length())
                .appendByte((byte) sequence)
                .appendBuffer(payload);
    }

    private static int indexOfZero(Buffer buffer, int from) {
        for (int i = from; i < buffer.length(); i++) {
            if (buffer.getByte(i) == 0) {
                return i;
            }
        }
        return -1;
    }
}
