package org.vigie.board.status;

import java.util.List;

import org.vigie.board.board.view.Icons;

/**
 * The icons an admin may give a status: the board's built-in set, served as {@code /icons/{name}.svg}
 * (see {@link Icons}), so the admin's icon picker shows exactly what visitors will see.
 */
public final class StatusIcon {

    private StatusIcon() {
    }

    public static List<String> names() {
        return Icons.NAMES;
    }

    public static boolean known(String name) {
        return Icons.known(name);
    }

    /** The icon to draw for a stored name: itself when built in, else the fallback. */
    public static String shown(String name) {
        return known(name) ? name : Icons.FALLBACK;
    }

    /** The icon a status of this severity gets when the admin picks none. */
    public static String defaultFor(Severity severity) {
        String wanted = switch (severity) {
            case NORMAL -> "tick-circle";
            case WARNING -> "exclamation";
            case ERROR -> "cross-circle";
            case CRITICAL -> "lightning";
        };
        return known(wanted) ? wanted : Icons.FALLBACK;
    }
}
