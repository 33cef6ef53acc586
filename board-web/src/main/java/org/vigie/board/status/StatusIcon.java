package org.vigie.board.status;

import java.util.List;

/**
 * The built-in status icons, served as {@code /icons/{name}.svg}. A status's {@code image} names one of them; the one
 * rule for drawing it is {@link #shown(String)}: the icon itself when built in, else {@link #FALLBACK}. The admin's
 * icon picker offers exactly {@link #NAMES}, so it shows what visitors will see.
 */
public final class StatusIcon {

    /** The icon set's name in stashboard's API. */
    public static final String SET = "vigie";

    public static final String FALLBACK = "question";

    /** Every built-in icon, in the order an icon picker shows them. */
    public static final List<String> NAMES = List.of(
            "tick-circle",
            "exclamation",
            "cross-circle",
            "wrench",
            "information",
            "clock",
            "lightning",
            "minus-circle",
            "question",
            "unknown");

    private StatusIcon() {}

    public static boolean known(String name) {
        return name != null && NAMES.contains(name);
    }

    /** The icon to draw for a stored name: itself when built in, else the fallback. */
    public static String shown(String name) {
        return known(name) ? name : FALLBACK;
    }

    /** The path an icon is served at, after {@link #shown(String)}. */
    public static String path(String name) {
        return "/icons/" + shown(name) + ".svg";
    }

    /** The icon a status of this severity gets when the admin picks none. */
    public static String defaultFor(Severity severity) {
        return switch (severity) {
            case NORMAL -> "tick-circle";
            case UNKNOWN -> "unknown";
            case WARNING -> "exclamation";
            case ERROR -> "cross-circle";
            case CRITICAL -> "lightning";
        };
    }
}
