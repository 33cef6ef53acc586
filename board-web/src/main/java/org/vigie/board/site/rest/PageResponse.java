package org.vigie.board.site.rest;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.vigie.board.site.Visitor;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.web.SecurityHeaders;

import io.quarkus.qute.TemplateInstance;

/** A public page as every public page answers: in the visitor's language, with their cookies, never cached stale. */
public final class PageResponse {

    private PageResponse() {}

    public static Response html(
            int status, TemplateInstance template, Visitor visitor, BoardInfo info, SecurityHeaders securityHeaders) {
        String html = template.setLocale(visitor.locale()).render();
        Response.ResponseBuilder response = Response.status(status).entity(html).type("text/html;charset=UTF-8");
        visitor.cookies().forEach(c -> response.header("Set-Cookie", c));
        // a logo hosted elsewhere is an image source of these pages only
        SecurityHeaders.origin(info.safeLogoUrl())
                .ifPresent(
                        logo -> response.header(SecurityHeaders.CSP, securityHeaders.policy(false, Optional.of(logo))));
        return response.header("Content-Language", visitor.lang())
                .header("Vary", "Accept-Language, Cookie")
                .header("Cache-Control", "no-cache")
                .build();
    }
}
