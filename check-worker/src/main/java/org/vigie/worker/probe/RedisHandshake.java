package org.vigie.worker.probe;

import io.vertx.core.Future;

/**
 * Redis: {@code PING} answered {@code +PONG}. {@code -NOAUTH} is Redis too, asking for a password: up, noted. Any
 * other error ({@code -LOADING}, {@code -MASTERDOWN}, {@code -DENIED} in protected mode...) is a Redis that cannot
 * serve: down, with its message. Anything else is not Redis.
 */
final class RedisHandshake {

    private static final String PONG = "Redis PONG";
    private static final String AUTH_REQUIRED = "Redis answered (auth required)";

    private RedisHandshake() {}

    static Future<Verdict> talk(Conversation c) {
        c.write("PING\r\n");
        return c.line("the PING reply").map(reply -> {
            c.banner(reply);
            if (reply.equals("+PONG")) {
                return c.up(PONG, PONG);
            }
            if (reply.startsWith("-NOAUTH")) {
                return c.up(AUTH_REQUIRED, AUTH_REQUIRED);
            }
            if (reply.startsWith("-") && reply.length() > 1) {
                // the server's message: admins only
                return c.down(
                        "Redis: " + Conversation.printable(reply.substring(1), Conversation.MAX_TEXT), "Redis error");
            }
            return c.down("not a Redis server: " + Conversation.quoted(reply), "not a Redis server");
        });
    }
}
