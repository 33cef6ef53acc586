package org.vigie.board.site.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A service page's response-time chart as geometry: average latency per bucket, a y axis in ms with five ticks up
 * to a round maximum, and the first and last time under the x axis. {@code tags/chart.html} draws it.
 *
 * @param path the line's SVG path data in the plot's coordinates, empty when no bucket had a check
 */
public record Chart(String caption, List<Tick> ticks, String path, String fromLabel, String toLabel) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 180;
    /** Room for the y axis' labels. */
    public static final int LEFT = 48;

    public static final int TOP = 8;
    /** Room for the x axis' labels. */
    public static final int BOTTOM = 20;

    public static final int PLOT_WIDTH = WIDTH - LEFT - 8;
    public static final int PLOT_HEIGHT = HEIGHT - BOTTOM - TOP;

    /** A grid line at {@code y} (plot coordinates, one decimal) and its label, {@code ms} milliseconds. */
    public record Tick(String y, String labelY, long ms) {}

    public static Chart of(List<Double> points, String caption, String fromLabel, String toLabel) {
        double max = niceCeiling(Svg.max(points));
        List<Tick> ticks = new ArrayList<>(5);
        for (int i = 0; i <= 4; i++) {
            double y = PLOT_HEIGHT - PLOT_HEIGHT * i / 4.0;
            ticks.add(new Tick(Svg.fmt(y), Svg.fmt(y + 4), Math.round(max * i / 4)));
        }
        return new Chart(caption, ticks, Svg.path(points, PLOT_WIDTH, PLOT_HEIGHT, max, 0), fromLabel, toLabel);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int top() {
        return TOP;
    }

    public int plotWidth() {
        return PLOT_WIDTH;
    }

    /** Where the x axis' labels stand. */
    public int labelY() {
        return PLOT_HEIGHT + 16;
    }

    /** The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least {@code max}. */
    static double niceCeiling(double max) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= max) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
