package org.vigie.worker.probe;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * PostgreSQL: a StartupMessage (protocol 3.0) as user {@value #USER}, database {@code postgres}, and the server's
 * first answers. Any authentication request, or a login refused (SQLSTATE class 28, or 3D000 no such database), is
 * PostgreSQL answering: up (with trust authentication the refusal comes after AuthenticationOk). A server that lets the user in tells its version (ParameterStatus
 * {@code server_version}), and the probe ends the session with Terminate. Any other ErrorResponse
 * ({@code sorry, too many clients already}, {@code the database system is starting up}...) is a server that cannot
 * serve: down, with its message. Anything else is not PostgreSQL.
 * <p>
 * A StartupMessage rather than only an SSLRequest: the server reports "too many clients", "starting up", "in recovery"
 * and "shutting down" only after the startup packet. The cost: a server that does not know the role logs a FATAL
 * line per check; an operator who wants quiet logs creates the role (without privileges, with a password: the probe
 * stops at the password request, which PostgreSQL does not log).
 */
final class PostgresHandshake {

    /** The role the probe asks for. */
    static final String USER = "vigie";

    private static final int PROTOCOL_3_0 = 196608;
    private static final int HEADER = 5;
    private static final String ANSWERED = "PostgreSQL answered";
    private static final String NOT_POSTGRES = "not a PostgreSQL server";

    private PostgresHandshake() {}

    /** One backend message: its type byte and body. */
    record Message(char type, Buffer body) {}

    static Future<Verdict> talk(Conversation c) {
        c.write(startup());
        return message(c, "the startup reply").compose(first -> switch (first.type()) {
            case 'E' -> Future.succeededFuture(error(c, first.body()));
            case 'R' -> authentication(c, first.body());
            case 'v' -> Future.succeededFuture(answered(c, "PostgreSQL answered"));
            default -> Future.succeededFuture(c.down(NOT_POSTGRES, NOT_POSTGRES));
        });
    }

    private static Verdict error(Conversation c, Buffer body) {
        Map<Character, String> fields = fields(body);
        String sqlState = fields.get('C');
        String message = fields.getOrDefault('M', "");
        if (sqlState == null || sqlState.length() != 5) {
            return c.down(NOT_POSTGRES, NOT_POSTGRES);
        }
        c.banner(fields.getOrDefault('V', fields.getOrDefault('S', "ERROR")) + " " + sqlState + " " + message);
        if (sqlState.startsWith("28")) {
            return answered(c, "PostgreSQL answered (login refused)");
        }
        if (sqlState.equals("3D000")) {
            return answered(c, "PostgreSQL answered");
        }
        // the server's message: admins only
        return c.down(
                "PostgreSQL: " + Conversation.printable(message.isEmpty() ? sqlState : message, Conversation.MAX_TEXT),
                "PostgreSQL error");
    }

    private static Future<Verdict> authentication(Conversation c, Buffer body) {
        if (body.length() < 4) {
            return Future.succeededFuture(c.down(NOT_POSTGRES, NOT_POSTGRES));
        }
        int code = body.getInt(0);
        if (code != 0) {
            c.evidence(
                    "auth",
                    switch (code) {
                        case 3 -> "password";
                        case 5 -> "md5";
                        case 7 -> "gss";
                        case 9 -> "sspi";
                        case 10 ->
                            "sasl "
                                    + body.getString(4, body.length(), StandardCharsets.US_ASCII.name())
                                            .replace('\0', ' ')
                                            .strip();
                        default -> "method " + code;
                    });
            // closing at the password request: PostgreSQL takes it as a client that has no password, and logs nothing
            return Future.succeededFuture(answered(c, "PostgreSQL answered (auth required)"));
        }
        c.settle(answered(c, "PostgreSQL answered"));
        return afterLogin(c, null, 0);
    }

    /** Let in: reads ParameterStatus messages up to ReadyForQuery, then says goodbye. */
    private static Future<Verdict> afterLogin(Conversation c, String version, int count) {
        return message(c, "ReadyForQuery").compose(message -> {
            String v = version;
            if (message.type() == 'S') {
                Buffer body = message.body();
                int nameEnd = indexOfZero(body, 0);
                if (nameEnd > 0
                        && body.getString(0, nameEnd, StandardCharsets.UTF_8.name())
                                .equals("server_version")) {
                    int valueEnd = indexOfZero(body, nameEnd + 1);
                    v = body.getString(
                            nameEnd + 1, valueEnd < 0 ? body.length() : valueEnd, StandardCharsets.UTF_8.name());
                    c.banner("PostgreSQL " + v);
                }
            }
            if (message.type() == 'E') {
                // with trust authentication, AuthenticationOk comes before the role and database are checked
                return Future.succeededFuture(error(c, message.body()));
            }
            if (message.type() == 'Z' || count > 64) {
                c.write(Buffer.buffer().appendByte((byte) 'X').appendInt(4));
                // the server's version: admins only
                return Future.succeededFuture(c.up(
                        v == null
                                ? ANSWERED
                                : "PostgreSQL " + Conversation.printable(v, Conversation.MAX_TEXT) + " answered",
                        ANSWERED));
            }
            return afterLogin(c, v, count + 1);
        });
    }

    /** PostgreSQL answered: Vigie's words, public as they are. */
    private static Verdict answered(Conversation c, String reason) {
        return c.up(reason, reason);
    }

    static Future<Message> message(Conversation c, String what) {
        return c.read(what, buffer -> {
            if (buffer.length() < HEADER) {
                return null;
            }
            char type = (char) buffer.getUnsignedByte(0);
            long length = buffer.getUnsignedInt(1);
            if (length < 4 || length > Conversation.MAX_BYTES - 1 || !Character.isLetter(type)) {
                throw new Conversation.Unexpected(NOT_POSTGRES);
            }
            int total = 1 + (int) length;
            if (buffer.length() < total) {
                return null;
            }
            return new Conversation.Parsed<>(new Message(type, buffer.getBuffer(HEADER, total)), total);
        });
    }

    /** An ErrorResponse's fields: S severity, V severity (not localised), C SQLSTATE, M message... */
    static Map<Character, String> fields(Buffer body) {
        Map<Character, String> fields = new LinkedHashMap<>();
        int at = 0;
        while (at < body.length() && body.getByte(at) != 0) {
            char code = (char) body.getUnsignedByte(at);
            int end = indexOfZero(body, at + 1);
            if (end < 0) {
                break;
            }
            fields.putIfAbsent(code, body.getString(at + 1, end, StandardCharsets.UTF_8.name()));
            at = end + 1;
        }
        return fields;
    }

    static Buffer startup() {
        Buffer parameters = Buffer.buffer();
        for (String s : new String[] {"user", USER, "database", "postgres", "application_name", "vigie"}) {
            parameters.appendString(s, "UTF-8").appendByte((byte) 0);
        }
        parameters.appendByte((byte) 0);
        return Buffer.buffer()
                .appendInt(8 + parameters.length())
                .appendInt(PROTOCOL_3_0)
                .appendBuffer(parameters);
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
