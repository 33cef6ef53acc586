package org.vigie.board.site.view;

import java.util.Locale;

import org.vigie.board.site.i18n.Msg;
import org.vigie.board.status.Severity;
import org.vigie.board.status.Status;
import org.vigie.board.status.StatusIcon;

/** A status as the public side shows it; read once per request with every other status. */
public record StatusInfo(
        long id, String slug, String name, String description, Severity severity, String image, boolean isDefault) {

    public static StatusInfo of(Status s) {
        return new StatusInfo(s.id, s.slug, s.name, s.description, s.severity, s.image, s.isDefault);
    }

    /** Worse of two statuses by severity, never by name; on equal severity the first one stays. A null is "no status". */
    public static StatusInfo worse(StatusInfo a, StatusInfo b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.severity.compareTo(a.severity) > 0 ? b : a;
    }

    /** The icon to draw: the status's own when it is a built-in one, else a neutral one. */
    public String icon() {
        return StatusIcon.shown(image);
    }

    /** The seeded statuses, while admins keep their English names, speak the visitor's language. */
    public String displayName(Msg msg) {
        return switch (slug) {
            case "up" -> "Up".equals(name) ? msg.status_up() : name;
            case "warning" -> "Warning".equals(name) ? msg.status_warning() : name;
            case "down" -> "Down".equals(name) ? msg.status_down() : name;
            case "maintenance" -> "Maintenance".equals(name) ? msg.status_maintenance() : name;
            case "unknown" -> "Unknown".equals(name) ? msg.status_unknown() : name;
            default -> name;
        };
    }

    /** Neither up nor down: no fresh check result (the seeded Unknown), or an admin's status of that severity. */
    public boolean unknown() {
        return severity == Severity.UNKNOWN;
    }

    public String level() {
        return severity.name().toLowerCase(Locale.ROOT);
    }
}
