package org.vigie.board.admin;

/**
 * Who makes the current admin request, and with which role: a logged-in admin (their name) or an API token (its
 * name). Set by AdminTokenFilter or read from the session's identity, as the request property {@link #PROPERTY}.
 */
public record AdminActor(Kind kind, String name, AdminRole role) {

    public static final String PROPERTY = "vigie.admin-actor";

    public enum Kind {
        ADMIN,
        TOKEN
    }
}
