package org.vigie.board.site.view;

import java.util.List;

import org.vigie.board.status.Severity;

/**
 * SVG drawn on the server: the status badge (a document of its own, not a page's markup, so written here with every
 * piece of text through {@link Html#escape}), and the numbers of the latency lines that {@link Sparkline} and
 * {@link Chart} hand to the pages' tags.
 */
public final class Svg {

    private Svg() {}

    /** A shields-like badge: the label on grey, the message on the severity's colour. */
    public static String badge(String label, String message, Severity severity) {
        int labelW = textWidth(label) + 12;
        int messageW = textWidth(message) + 12;
        int width = labelW + messageW;
        String colour = colour(severity);
        StringBuilder svg = new StringBuilder(1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"20\" role=\"img\" aria-label=\"");
        Html.escapeTo(svg, label + ": " + message).append("\"><title>");
        Html.escapeTo(svg, label + ": " + message).append("</title>");
        svg.append(
                        "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>")
                .append("<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>");
        svg.append("<clipPath id=\"r\"><rect width=\"")
                .append(width)
                .append("\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>");
        svg.append("<g clip-path=\"url(#r)\"><rect width=\"")
                .append(labelW)
                .append("\" height=\"20\" fill=\"#555\"/>")
                .append("<rect x=\"")
                .append(labelW)
                .append("\" width=\"")
                .append(messageW)
                .append("\" height=\"20\" fill=\"")
                .append(colour)
                .append("\"/><rect width=\"")
                .append(width)
                .append("\" height=\"20\" fill=\"url(#s)\"/></g>");
        svg.append(
                "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">");
        text(svg, labelW / 2.0, label);
        text(svg, labelW + messageW / 2.0, message);
        return svg.append("</g></svg>").toString();
    }

    public static String colour(Severity severity) {
        if (severity == null) {
            return "#9f9f9f";
        }
        return switch (severity) {
            case NORMAL -> "#2e8540";
            case UNKNOWN -> "#6e7781";
            case WARNING -> "#b08000";
            case ERROR -> "#d0362b";
            case CRITICAL -> "#7d1020";
        };
    }

    private static void text(StringBuilder svg, double x, String text) {
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">");
        Html.escapeTo(svg, text).append("</text>");
        svg.append("<text x=\"").append(fmt(x)).append("\" y=\"14\">");
        Html.escapeTo(svg, text).append("</text>");
    }

    /** Verdana 11 px, roughly: narrow letters count less. Good enough for a badge. */
    static int textWidth(String text) {
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("iljtfI.,:;|!' ".indexOf(c) >= 0) {
                w += 3.8;
            } else if ("mwMW".indexOf(c) >= 0) {
                w += 10.5;
            } else if (Character.isUpperCase(c) || Character.isDigit(c)) {
                w += 7.5;
            } else {
                w += 6.6;
            }
        }
        return (int) Math.ceil(w);
    }

    /** The highest point, at least 1 (so that a flat line of zeros still has a scale). */
    static double max(List<Double> points) {
        double max = 1;
        for (Double p : points) {
            if (p != null) {
                max = Math.max(max, p);
            }
        }
        return max;
    }

    /**
     * SVG path data for a line of {@code points} spread over {@code width}, scaled so that {@code max} is at
     * {@code top} and 0 at {@code top + height}. Null points are gaps; a point alone between gaps is a short dash.
     */
    static String path(List<Double> points, int width, int height, double max, int top) {
        StringBuilder d = new StringBuilder(points.size() * 12);
        int n = points.size();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Double p = points.get(i);
            if (p == null) {
                pen = false;
                continue;
            }
            double x = n == 1 ? width / 2.0 : (double) width * i / (n - 1);
            double y = top + height - height * Math.min(p, max) / max;
            boolean lonely = (i + 1 >= n || points.get(i + 1) == null) && !pen;
            d.append(pen ? 'L' : 'M').append(fmt(x)).append(' ').append(fmt(y));
            if (lonely) {
                d.append('h')
                        .append(fmt(Math.max(1, (double) width / Math.max(1, n - 1) / 3))); // a single point: a dash
            }
            pen = true;
        }
        return d.toString();
    }

    /** One decimal, without String.format: a board draws tens of thousands of points. */
    static String fmt(double v) {
        long tenths = Math.round(v * 10);
        long abs = Math.abs(tenths);
        return (tenths < 0 ? "-" : "") + (abs / 10) + "." + (abs % 10);
    }
}
