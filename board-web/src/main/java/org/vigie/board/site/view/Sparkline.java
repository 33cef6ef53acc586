package org.vigie.board.site.view;

import java.util.List;

/**
 * A board row's small line of hourly average latencies, as geometry: {@code tags/sparkline.html} draws it.
 *
 * @param path the line's SVG path data, empty when no hour had a check
 */
public record Sparkline(String label, String path) {

    public static final int WIDTH = 96;
    public static final int HEIGHT = 24;

    /** Null points are gaps (no check that hour); the highest point touches the top, less one pixel. */
    public static Sparkline of(List<Double> points, String label) {
        return new Sparkline(label, Svg.path(points, WIDTH, HEIGHT - 2, Svg.max(points), 1));
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
