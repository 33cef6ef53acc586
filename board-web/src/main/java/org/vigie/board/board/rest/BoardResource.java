package org.vigie.board.board.rest;

import java.time.Instant;
import java.util.List;

import org.vigie.board.board.BoardReader;
import org.vigie.board.board.ServiceRow;
import org.vigie.board.board.config.BoardConfig;
import org.vigie.board.event.EventRow;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public board: every service with its status and last check, and a page per service with its events. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BoardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(String boardName, List<ServiceRow> services, Instant now);

        static native TemplateInstance service(String boardName, ServiceRow service, List<EventRow> events);

        static native TemplateInstance notFound(String boardName, String slug);
    }

    private final BoardReader reader;
    private final BoardConfig config;

    public BoardResource(BoardReader reader, BoardConfig config) {
        this.reader = reader;
        this.config = config;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(config.name(), reader.services(), Instant.now());
    }

    @GET
    @Path("services/{slug}")
    @Transactional(Transactional.TxType.SUPPORTS)
    public Response service(@PathParam("slug") String slug) {
        return reader.service(slug)
                .map(s -> Response.ok(Templates.service(config.name(), s, EventRow.latest(s.id(), config.eventsPerPage()))))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(Templates.notFound(config.name(), slug)))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }
}
