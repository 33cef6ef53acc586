package org.vigie.board.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads what the tests look for in rendered pages, through an HTML parser. */
final class PublicPages {

    private PublicPages() {}

    static Document parse(String page) {
        return Jsoup.parse(page);
    }

    /** The status slug of a service's day cell, "nodata" for a cell without data. */
    static String cell(String page, String slug, String date) {
        String href = "/services/" + slug + "/" + date.replace('-', '/');
        Element link = parse(page).selectFirst("td.day > a[href=" + href + "]");
        assertThat(link).as("a cell for %s on %s", slug, date).isNotNull();
        Element cell = link.parent();
        if (cell.hasClass("nodata")) {
            return "nodata";
        }
        assertThat(cell.hasAttr("data-status")).as("the cell's status").isTrue();
        return cell.attr("data-status");
    }

    /** The board row of a service. */
    static Element row(String page, String slug) {
        Element name = parse(page).selectFirst("tr.service > th.name > a[href=/services/" + slug + "]");
        assertThat(name).as("a row for %s", slug).isNotNull();
        return name.closest("tr");
    }

    /** The links of a service's day cells, newest first. */
    static List<String> dayLinks(String page, String slug) {
        return row(page, slug).select("td.day > a").eachAttr("href");
    }

    /** The slugs of a board's rows, in order. */
    static List<String> services(Element section) {
        return section.select("tr.service > th.name > a").eachAttr("href").stream()
                .map(href -> href.substring("/services/".length()))
                .toList();
    }
}
