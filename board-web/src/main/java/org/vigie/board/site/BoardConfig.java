package org.vigie.board.site;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the public board shows. The board's name, history length and zone are board settings that admins edit. */
@ConfigMapping(prefix = "vigie.board")
public interface BoardConfig {

    /** How many events a service page lists per page. */
    @WithDefault("50")
    int eventsPerPage();

    /** How many events the RSS and Atom feeds carry. */
    @WithDefault("50")
    int feedSize();

    /** How many events {@code /api/v1/services/{slug}/events} returns when the caller gives no {@code limit}. */
    @WithDefault("100")
    int apiEventLimit();

    /** The most events one API call returns. */
    @WithDefault("1000")
    int apiEventMax();

    /**
     * Boards with more services than this show {@code /} folded: each group's summary line and only the services in
     * trouble, so the page stays small and quick at tens of thousands of services; group pages and the search list
     * them all, a page at a time.
     */
    @WithDefault("500")
    int fullBoardUpTo();

    /**
     * How many services in trouble a folded board lists at most, the rest a search or a group away. 25: with 90 days
     * of bars a listed service is about 16 KB of the page, and 20,000 services with 50 of them listed made an 801 KB
     * page; 25 keep it under 500 KB.
     */
    @WithDefault("25")
    int troubledShown();

    /**
     * How many services {@code /api/v1/services} returns when the caller gives no {@code limit}; more are a
     * {@code next} cursor away.
     */
    @WithDefault("1000")
    int apiServiceLimit();

    /** The most services one call to {@code /api/v1/services} returns. */
    @WithDefault("5000")
    int apiServiceMax();

    /**
     * How long a proxy or the visitor's browser may reuse a public API answer, feed or badge without asking again (then
     * it asks with its ETag and gets a 304 when nothing changed). Short: the board must not show an old status for
     * long. Pages are always asked again. 0: everything is asked again.
     */
    @WithDefault("10s")
    Duration publicMaxAge();

    /**
     * How long a public answer just built is served again as it is, to every visitor asking for the same address in
     * the same language and zone, rather than built anew: a board of thousands of services is then built a few times
     * a minute however many read it. An admin's change on this board-web ends it at once; another board-web may show
     * the earlier copy until it ends. 0: every answer is built.
     */
    @WithDefault("2s")
    Duration freshFor();

    /** How many services a group's page or a search shows per page. */
    @WithDefault("500")
    int servicesPerPage();
}
