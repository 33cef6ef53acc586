package org.vigie.board.site.view;

/** Escaping for markup built in Java (day cells, SVG): every piece of text goes through it. */
public final class Html {

    private Html() {
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
