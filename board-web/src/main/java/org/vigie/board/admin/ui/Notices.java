package org.vigie.board.admin.ui;

import java.util.Map;

/** Short confirmations shown after a redirect (by code, so a link cannot make the page say anything else). */
public final class Notices {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("created", "Created."),
            Map.entry("saved", "Saved."),
            Map.entry("deleted", "Deleted."),
            Map.entry("posted", "Posted."),
            Map.entry("ended", "Ended: its services are back to their checked status."),
            Map.entry("event-deleted", "Event deleted."),
            Map.entry("check-now", "It will be checked at the next dispatch pass."),
            Map.entry("revoked", "Token revoked."),
            Map.entry("role-changed", "Role changed. That admin's sessions are logged out."),
            Map.entry("admin-removed", "Admin removed."),
            Map.entry("password-changed", "Password changed. Your other sessions are logged out."));

    private Notices() {}

    public static String text(String code) {
        return code == null ? null : TEXT.get(code);
    }
}
