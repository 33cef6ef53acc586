package org.vigie.board.admin;

import java.time.Instant;

/**
 * One admin's login, as its cookie carries it (encrypted, see AdminSessions): who, the admin's session version when
 * the password was typed, when that was, when the cookie was last renewed, and the session's CSRF token.
 */
public record AdminSession(String username, long version, Instant loginAt, Instant renewedAt, String csrf) {

    /** The identity attribute that holds the session of a logged-in request. */
    public static final String ATTRIBUTE = "vigie.admin-session";
}
