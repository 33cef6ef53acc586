package org.vigie.board.board.view;

import java.util.List;

/**
 * The built-in status icons, served as {@code /icons/{name}.svg}. A status's {@code image} names one of them;
 * anything else is drawn with {@link #FALLBACK}.
 */
public final class Icons {

    public static final String SET = "vigie";

    public static final String FALLBACK = "question";

    /** Every built-in icon, in the order an icon picker shows them. */
    public static final List<String> NAMES = List.of("tick-circle", "exclamation", "cross-circle", "wrench", "information",
            "clock", "lightning", "minus-circle", "question");

    private Icons() {
    }

    public static boolean known(String name) {
        return name != null && NAMES.contains(name);
    }

    public static String path(String name) {
        return "/icons/" + (known(name) ? name : FALLBACK) + ".svg";
    }
}
