package org.vigie.board.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How many incidents the public pages, the service page and the API show at once; what the checks do about incidents
 * by default; how fresh the admin menu's count of drafts is.
 */
@ConfigMapping(prefix = "vigie.incidents")
public interface IncidentConfig {

    /** Incidents per page of {@code /incidents}. */
    @WithDefault("20")
    int perPage();

    /** The most recent incidents a service's page lists. */
    @WithDefault("5")
    int perService();

    /** Incidents per page of {@code /api/v1/incidents} when the caller gives no {@code limit}. */
    @WithDefault("20")
    int apiLimit();

    /** The most incidents one API call returns. */
    @WithDefault("100")
    int apiMax();

    /** Incident updates the RSS and Atom feeds carry, beside the events. */
    @WithDefault("20")
    int feedSize();

    /**
     * When a check event turns a service Down, open a draft incident for it (admins only see it until they publish
     * it), its first update quoting the public reason; none while an open incident already affects the service. The
     * default of services with no {@code incidents} setting of their own: true is {@code draft}, false {@code off}.
     */
    @WithDefault("true")
    boolean draftOnDown();

    /**
     * How often the admin menu's count of drafts waiting is taken again from the database (a duration such as
     * {@code 5s}); it is also taken after every incident change this board-web makes. Read by the scheduler itself.
     */
    @WithDefault("5s")
    String draftsCountEvery();
}
