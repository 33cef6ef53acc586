package org.vigie.board.incident.rest;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.vigie.board.incident.IncidentConfig;
import org.vigie.board.incident.service.IncidentCatalog;
import org.vigie.board.incident.service.IncidentView;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.NotFound;

/**
 * Published incidents, newest first, in pages: {@code limit} per page, and {@code cursor} (the {@code next} of the
 * previous page) for the one after. A cursor names the last incident read, so pages stay right while new incidents
 * open at the top.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class PublicIncidentApi {

    /** A cursor: the last incident's start (milliseconds since the epoch) and id. */
    private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,15})-(\\d{1,18})");

    private final IncidentCatalog catalog;
    private final IncidentConfig config;

    public PublicIncidentApi(IncidentCatalog catalog, IncidentConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    public record IncidentsJson(
            List<IncidentJson> incidents,
            String next,

            @com.fasterxml.jackson.annotation.JsonProperty("next-url")
            String nextUrl) {}

    @GET
    public IncidentsJson list(
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        int max = limit(limit);
        Instant after = null;
        Long afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            Matcher m = CURSOR.matcher(cursor.trim());
            if (!m.matches()) {
                throw new InvalidInput("cursor", "cursor \"" + cursor + "\" is not one this API gave: use its next");
            }
            after = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            afterId = Long.valueOf(m.group(2));
        }
        // one more than asked tells whether there is a next page
        List<IncidentView> page = catalog.publishedAfter(after, afterId, max + 1);
        String next = null;
        if (page.size() > max) {
            page = page.subList(0, max);
            IncidentView last = page.get(max - 1);
            next = last.createdAt().toEpochMilli() + "-" + last.id();
        }
        String base = IncidentApi.base(uri);
        return new IncidentsJson(
                page.stream().map(i -> IncidentJson.of(i, base)).toList(),
                next,
                next == null ? null : base + "/api/v1/incidents?limit=" + max + "&cursor=" + next);
    }

    @GET
    @Path("{id}")
    public IncidentJson one(@PathParam("id") String id, @Context UriInfo uri) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFound("no incident \"" + id + "\"");
        }
        return IncidentJson.of(
                catalog.findPublic(n).orElseThrow(() -> new NotFound("no incident " + n)), IncidentApi.base(uri));
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return config.apiLimit();
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= config.apiMax()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidInput("limit", "limit must be a number from 1 to " + config.apiMax());
    }
}
