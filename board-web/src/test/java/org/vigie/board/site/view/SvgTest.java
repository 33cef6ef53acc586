package org.vigie.board.site.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vigie.board.status.Severity;

/** The latency lines' geometry, the sparkline's and chart's scales, and the badge. */
class SvgTest {

    @Test
    void numbersHaveOneDecimal() {
        assertThat(Svg.fmt(0)).isEqualTo("0.0");
        assertThat(Svg.fmt(12.34)).isEqualTo("12.3");
        assertThat(Svg.fmt(12.36)).isEqualTo("12.4");
        assertThat(Svg.fmt(-0.26)).isEqualTo("-0.3");
        assertThat(Svg.fmt(152)).isEqualTo("152.0");
    }

    @Test
    void aLineSpreadsItsPointsOverTheWidthAndScalesThemToTheMaximum() {
        // width 100 over 3 points: x at 0, 50, 100; height 10 under a top of 1: max at y 1, zero at y 11
        assertThat(Svg.path(List.of(0.0, 50.0, 100.0), 100, 10, 100, 1)).isEqualTo("M0.0 11.0L50.0 6.0L100.0 1.0");
        // above the maximum stays on the top edge
        assertThat(Svg.path(List.of(10.0, 400.0), 100, 10, 100, 0)).isEqualTo("M0.0 9.0L100.0 0.0");
    }

    @Test
    void gapsBreakTheLineAndALonePointIsADash() {
        List<Double> points = Arrays.asList(10.0, 10.0, null, 10.0, null);
        // x step 25; a lone point gets a dash a third of a step long
        assertThat(Svg.path(points, 100, 10, 10, 0)).isEqualTo("M0.0 0.0L25.0 0.0M75.0 0.0h8.3");
        assertThat(Svg.path(List.of(5.0), 96, 10, 10, 0)).isEqualTo("M48.0 5.0h32.0");
        assertThat(Svg.path(Arrays.asList(null, null), 96, 10, 10, 0)).isEmpty();
    }

    @Test
    void theScaleIsTheHighestPointAndAtLeastOne() {
        assertThat(Svg.max(Arrays.asList(3.0, null, 250.5))).isEqualTo(250.5);
        assertThat(Svg.max(Arrays.asList(0.0, null))).isEqualTo(1);
    }

    @Test
    void aSparklineIsTwentyFourHoursOverNinetySixPixels() {
        Double[] hours = new Double[24];
        hours[0] = 10.0;
        hours[1] = 20.0;
        hours[23] = 20.0;
        Sparkline s = Sparkline.of(Arrays.asList(hours), "average 15 ms");
        assertThat(s.width()).isEqualTo(96);
        assertThat(s.height()).isEqualTo(24);
        assertThat(s.label()).isEqualTo("average 15 ms");
        // highest at y 1, zero at y 23; the last hour alone is a dash at the right edge
        assertThat(s.path()).isEqualTo("M0.0 12.0L4.2 1.0M96.0 1.0h1.4");
        assertThat(Sparkline.of(Arrays.asList(new Double[24]), "none").path()).isEmpty();
    }

    @Test
    void theChartsAxisGoesUpToARoundMaximum() {
        assertThat(Chart.niceCeiling(1)).isEqualTo(1);
        assertThat(Chart.niceCeiling(13)).isEqualTo(20);
        assertThat(Chart.niceCeiling(21)).isEqualTo(25);
        assertThat(Chart.niceCeiling(240)).isEqualTo(250);
        assertThat(Chart.niceCeiling(251)).isEqualTo(500);
        assertThat(Chart.niceCeiling(501)).isEqualTo(1000);

        Chart chart = Chart.of(List.of(12.0, 17.0), "caption", "24 Nov 10:00", "25 Nov 15:00");
        assertThat(chart.ticks()).extracting(Chart.Tick::ms).containsExactly(0L, 5L, 10L, 15L, 20L);
        assertThat(chart.ticks()).extracting(Chart.Tick::y).containsExactly("152.0", "114.0", "76.0", "38.0", "0.0");
        assertThat(chart.ticks()).extracting(Chart.Tick::labelY).first().isEqualTo("156.0");
        assertThat(chart.path()).isEqualTo("M0.0 60.8L584.0 22.8");
        assertThat(chart.plotWidth()).isEqualTo(584);
        assertThat(chart.labelY()).isEqualTo(168);
    }

    @Test
    void theBadgeIsColouredBySeverityAndEscapesItsText() {
        String badge = Svg.badge("<b>db</b>", "Down", Severity.ERROR);
        assertThat(badge)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("#d0362b", ">Down<", "&lt;b&gt;db&lt;/b&gt;")
                .doesNotContain("<b>");
        assertThat(Svg.colour(null)).isEqualTo("#9f9f9f");
        assertThat(Svg.textWidth("iiii")).isLessThan(Svg.textWidth("MMMM"));
    }
}
