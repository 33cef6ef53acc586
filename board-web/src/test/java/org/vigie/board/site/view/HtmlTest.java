package org.vigie.board.site.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Escaping, and the board's day cells that are written in Java. */
class HtmlTest {

    @Test
    void escapesMarkupAndQuotesAndDropsWhatXmlForbids() {
        assertThat(Html.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
        assertThat(Html.escape("bell\u0007 tab\t line\n \uFFFE")).isEqualTo("bell tab\t line\n ");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.xmlSafe("a\u0000b <c>")).isEqualTo("ab <c>");
        assertThat(Html.xmlSafe(null)).isEmpty();
    }

    @Test
    void aDayCellLinksToTheServicesDayWithItsStatus() {
        Html.Cell down = Html.cell("down", "cross-circle", "error", "/2026/11/24", "Tue 24 Nov: Down", false);
        Html.Cell noted = Html.cell("up", "tick-circle", "normal", "/2026/11/23", "Mon 23 Nov: Up (notes)", true);
        Html.Cell none = Html.cell(null, null, null, "/2026/11/22", "Sun 22 Nov: No data", false);
        assertThat(Html.cells("web", List.of(down, noted, none)))
                .isEqualTo("<td class=\"day sev-error\" data-status=\"down\"><a class=\"ico ico-cross-circle\""
                        + " href=\"/services/web/2026/11/24\" title=\"Tue 24 Nov: Down\"></a></td>"
                        + "<td class=\"day sev-normal\" data-status=\"up\"><a class=\"ico ico-tick-circle\""
                        + " href=\"/services/web/2026/11/23\" title=\"Mon 23 Nov: Up (notes)\""
                        + " data-notes=\"1\"></a></td>"
                        + "<td class=\"day nodata\"><a href=\"/services/web/2026/11/22\""
                        + " title=\"Sun 22 Nov: No data\"></a></td>");
    }

    @Test
    void aDayCellEscapesEveryText() {
        Html.Cell cell = Html.cell("\"x", "i", "<e>", "/2026/11/24", "<b>Tue</b> & \"Down\"", false);
        assertThat(Html.cells("a\"b<c>", List.of(cell)))
                .isEqualTo("<td class=\"day sev-&lt;e&gt;\" data-status=\"&quot;x\"><a class=\"ico ico-i\""
                        + " href=\"/services/a&quot;b&lt;c&gt;/2026/11/24\""
                        + " title=\"&lt;b&gt;Tue&lt;/b&gt; &amp; &quot;Down&quot;\"></a></td>");
        assertThat(Html.cells("web", List.of())).isEmpty();
    }
}
