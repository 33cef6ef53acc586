package org.vigie.board.site.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.vigie.board.site.PublicBoard;

/**
 * The board's branding as a style sheet: the accent colour admins set, as board.css's {@code --accent}. A file rather
 * than an inline style so the pages' Content-Security-Policy stays {@code style-src 'self'}.
 */
@Path("/brand.css")
public class BrandStyle {

    private final PublicBoard board;

    public BrandStyle(PublicBoard board) {
        this.board = board;
    }

    @GET
    public Response css() {
        // the settings only ever store #rrggbb, so the value needs no escaping
        String accent = board.read(q -> q.board().accentColor());
        String css = accent == null ? "" : ":root { --accent: " + accent + "; }\n";
        return Response.ok(css, "text/css;charset=UTF-8")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
