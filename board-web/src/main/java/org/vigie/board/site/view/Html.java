package org.vigie.board.site.view;

import java.util.List;

/**
 * Markup built in Java, and its escaping: every piece of text goes through {@link #escape}. Pages are Qute
 * templates; the board's day cells are the one exception, written here because they are most of the board: 1,000
 * services over 90 days make 90,000 cells, and a template loop over them made {@code /} about a third slower (1.29 s
 * to 1.73 s median for the 12 MB page, in a test with Quarkus). Here a cell costs three appends of shared strings.
 */
public final class Html {

    private Html() {}

    /**
     * A day cell without its service, in two halves around the service's slug; rows share them (one per day, status
     * and notes).
     */
    public record Cell(String head, String tail) {}

    /**
     * @param status the worst status's slug that day, null when there is no data
     * @param icon   the status's icon, drawn by board.css's {@code ico-} classes
     * @param level  the status's severity in lower case: the bar's colour, {@code sev-} classes
     * @param path   the day's path after the service's, {@code /2026/11/24}
     * @param title  the link's title, its accessible name too
     */
    public static Cell cell(String status, String icon, String level, String path, String title, boolean notes) {
        String head = status == null
                ? "<td class=\"day nodata\"><a href=\"/services/"
                : "<td class=\"day sev-" + escape(level) + "\" data-status=\"" + escape(status)
                        + "\"><a class=\"ico ico-" + escape(icon) + "\" href=\"/services/";
        // no text: the title is the link's accessible name, and board.css draws the bar
        String tail =
                escape(path) + "\" title=\"" + escape(title) + "\"" + (notes ? " data-notes=\"1\"" : "") + "></a></td>";
        return new Cell(head, tail);
    }

    /** A board row's day cells, for the service {@code slug}. */
    public static String cells(String slug, List<Cell> cells) {
        String escaped = escape(slug);
        StringBuilder out = new StringBuilder(cells.size() * (110 + escaped.length()));
        for (Cell cell : cells) {
            out.append(cell.head()).append(escaped).append(cell.tail());
        }
        return out.toString();
    }

    /** Escapes for HTML and XML text and attribute values; drops characters XML 1.0 forbids. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        escapeTo(out, text);
        return out.toString();
    }

    public static StringBuilder escapeTo(StringBuilder out, String text) {
        if (text == null) {
            return out;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            out.append(c);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Text without the characters XML 1.0 cannot carry (control characters), for the XML writers. */
    public static String xmlSafe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0x20 && c != 0xFFFE && c != 0xFFFF) || c == '\t' || c == '\n' || c == '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
