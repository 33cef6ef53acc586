package org.vigie.board.site.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * board.css's colours meet WCAG AA in light and dark mode: every colour used for text is at least 4.5:1 against the
 * page and the panels, read from the style sheet itself so that a changed colour cannot slip by.
 */
class BoardStyleTest {

    /** Colours text is drawn in (status words, links, muted lines). */
    static final List<String> TEXT = List.of(
            "--fg", "--link", "--muted", "--normal", "--unknown", "--warning", "--error", "--critical", "--maint");

    static final List<String> BACKGROUNDS = List.of("--bg", "--panel");

    @Test
    void textColoursMeetAaInLightMode() throws IOException {
        String css = css();
        Map<String, String> light = variables(css.substring(css.indexOf(":root"), css.indexOf("@media")));
        assertContrast(light, "light");
    }

    @Test
    void textColoursMeetAaInDarkMode() throws IOException {
        String css = css();
        int dark = css.indexOf("@media (prefers-color-scheme: dark)");
        assertThat(dark).as("a dark mode").isPositive();
        Map<String, String> colours = variables(css.substring(css.indexOf(":root"), css.indexOf("@media")));
        colours.putAll(variables(css.substring(dark, css.indexOf("}", css.indexOf(":root", dark)) + 1)));
        assertContrast(colours, "dark");
    }

    private static void assertContrast(Map<String, String> colours, String mode) {
        for (String bg : BACKGROUNDS) {
            for (String fg : TEXT) {
                assertThat(colours).containsKeys(fg, bg);
                assertThat(ratio(colours.get(fg), colours.get(bg)))
                        .as("%s %s on %s (%s on %s)", mode, fg, bg, colours.get(fg), colours.get(bg))
                        .isGreaterThanOrEqualTo(4.5);
            }
        }
    }

    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG 2's relative luminance of {@code #rrggbb}. */
    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @Test
    void theRatioIsWcags() {
        assertThat(ratio("#000000", "#ffffff")).isEqualTo(21.0);
        assertThat(ratio("#777777", "#ffffff")).isBetween(4.47, 4.49); // the classic grey that just fails
    }

    private static Map<String, String> variables(String block) {
        Map<String, String> out = new HashMap<>();
        Matcher m = Pattern.compile("(--[a-z]+):\\s*(#[0-9a-fA-F]{6})").matcher(block);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static String css() throws IOException {
        try (InputStream in = BoardStyleTest.class.getResourceAsStream("/META-INF/resources/board.css")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
