package org.vigie.board.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what the tests look for in rendered pages. */
final class PublicPages {

    private PublicPages() {
    }

    /** The status slug of a service's day cell, "nodata" for a cell without data. */
    static String cell(String page, String slug, String date) {
        String href = "href=\"/services/" + slug + "/" + date.replace('-', '/') + "\"";
        int at = page.indexOf(href);
        assertThat(at).as("a cell for %s on %s", slug, date).isGreaterThan(0);
        int td = page.lastIndexOf("<td", at);
        String cell = page.substring(td, at);
        if (cell.contains("nodata")) {
            return "nodata";
        }
        Matcher m = Pattern.compile("data-status=\"([^\"]+)\"").matcher(cell);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The board row of a service, from its name to the end of the row. */
    static String row(String page, String slug) {
        int at = page.indexOf("<a href=\"/services/" + slug + "\">");
        assertThat(at).as("a row for %s", slug).isGreaterThan(0);
        return page.substring(page.lastIndexOf("<tr", at), page.indexOf("</tr>", at));
    }
}
