package org.vigie.board.site.view;

import java.util.List;

import org.vigie.board.status.Severity;

/**
 * Inline SVG drawn on the server: latency sparklines, the response-time chart, status badges. Numbers are
 * formatted here; every piece of text goes through {@link Html#escape}.
 */
public final class Svg {

    private Svg() {
    }

    /** A small line of average latencies; null points are gaps (no check that hour). */
    public static String sparkline(List<Double> points, String label) {
        int width = 96;
        int height = 24;
        StringBuilder svg = new StringBuilder(512);
        svg.append("<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"");
        Html.escapeTo(svg, label).append("\"><title>");
        Html.escapeTo(svg, label).append("</title>");
        double max = 1;
        for (Double p : points) {
            if (p != null) {
                max = Math.max(max, p);
            }
        }
        String path = path(points, width, height - 2, max, 1);
        if (!path.isEmpty()) {
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The response-time chart of a service page: average latency per bucket, a y axis in ms and the first and last
     * time under the x axis.
     */
    public static String chart(List<Double> points, String caption, String fromLabel, String toLabel) {
        int width = 640;
        int height = 180;
        int left = 48;
        int bottom = 20;
        int plotW = width - left - 8;
        int plotH = height - bottom - 8;
        double max = 1;
        for (Double p : points) {
            if (p != null) {
                max = Math.max(max, p);
            }
        }
        max = niceCeiling(max);
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"");
        Html.escapeTo(svg, caption).append("\"><title>");
        Html.escapeTo(svg, caption).append("</title>");
        svg.append("<g transform=\"translate(").append(left).append(",8)\">");
        for (int i = 0; i <= 4; i++) {
            double y = plotH - plotH * i / 4.0;
            svg.append("<line class=\"grid\" x1=\"0\" x2=\"").append(plotW).append("\" y1=\"").append(fmt(y)).append("\" y2=\"")
                    .append(fmt(y)).append("\"/>");
            svg.append("<text class=\"axis\" x=\"-6\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\">")
                    .append(Math.round(max * i / 4)).append(" ms</text>");
        }
        String path = path(points, plotW, plotH, max, 0);
        if (!path.isEmpty()) {
            svg.append("<path class=\"line\" d=\"").append(path).append("\" fill=\"none\" stroke-width=\"1.5\"/>");
        }
        svg.append("<text class=\"axis\" x=\"0\" y=\"").append(plotH + 16).append("\">");
        Html.escapeTo(svg, fromLabel).append("</text>");
        svg.append("<text class=\"axis\" x=\"").append(plotW).append("\" y=\"").append(plotH + 16).append("\" text-anchor=\"end\">");
        Html.escapeTo(svg, toLabel).append("</text>");
        return svg.append("</g></svg>").toString();
    }

    /** A shields-like badge: the label on grey, the message on the severity's colour. */
    public static String badge(String label, String message, Severity severity) {
        int labelW = textWidth(label) + 12;
        int messageW = textWidth(message) + 12;
        int width = labelW + messageW;
        String colour = colour(severity);
        StringBuilder svg = new StringBuilder(1024);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"20\" role=\"img\" aria-label=\"");
        Html.escapeTo(svg, label + ": " + message).append("\"><title>");
        Html.escapeTo(svg, label + ": " + message).append("</title>");
        svg.append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>")
                .append("<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>");
        svg.append("<clipPath id=\"r\"><rect width=\"").append(width).append("\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>");
        svg.append("<g clip-path=\"url(#r)\"><rect width=\"").append(labelW).append("\" height=\"20\" fill=\"#555\"/>")
                .append("<rect x=\"").append(labelW).append("\" width=\"").append(messageW).append("\" height=\"20\" fill=\"")
                .append(colour).append("\"/><rect width=\"").append(width).append("\" height=\"20\" fill=\"url(#s)\"/></g>");
        svg.append("<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">");
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

    private static String path(List<Double> points, int width, int height, double max, int top) {
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
                d.append('h').append(fmt(Math.max(1, (double) width / Math.max(1, n - 1) / 3))); // a single point: a dash
            }
            pen = true;
        }
        return d.toString();
    }

    private static double niceCeiling(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** One decimal, without String.format: a board draws tens of thousands of points. */
    static String fmt(double v) {
        long tenths = Math.round(v * 10);
        long abs = Math.abs(tenths);
        return (tenths < 0 ? "-" : "") + (abs / 10) + "." + (abs % 10);
    }
}
