package org.vigie.board.admin;

import java.util.Locale;
import java.util.Optional;

/**
 * What an admin or an API token may change (AdminAccess says which routes need which). Ordered: each role can do what
 * the ones after it can.
 */
public enum AdminRole {
    /** Everything: settings, statuses, admins, tokens, and what editors do. */
    OWNER,
    /** Services, groups, events, incidents, maintenance. */
    EDITOR,
    /** Reads the admin pages and the admin API; changes nothing. */
    VIEWER;

    /** Whether this role may do what {@code needed} may. */
    public boolean covers(AdminRole needed) {
        return ordinal() <= needed.ordinal();
    }

    /** The lower-case name the pages, the API and the identity's roles use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AdminRole> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (AdminRole role : values()) {
            if (role.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Said once: the pages' and the API's 400. */
    public static final String RULE = "role must be owner, editor or viewer";
}
