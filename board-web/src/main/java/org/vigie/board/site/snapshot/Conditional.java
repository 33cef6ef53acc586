package org.vigie.board.site.snapshot;

import java.time.Duration;
import java.util.Locale;
import java.util.zip.CRC32C;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

/**
 * Conditional answers for the public side: an ETag from the body's bytes, a 304 without the body when the visitor's
 * copy is still right, and a public Cache-Control so that a proxy or CDN can take repeated reads off the board: pages
 * revalidated every time, API answers, feeds and badges reused for {@code vigie.board.public-max-age}.
 * Answers that set a cookie stay private. A weak tag: equal bytes, equal tag; CRC-32C is hardware-assisted, so tagging a
 * 13 MB board costs about a millisecond.
 */
final class Conditional {

    private Conditional() {}

    static void tag(
            ContainerRequestContext request,
            ContainerResponseContext response,
            byte[] body,
            boolean noCookie,
            Duration maxAge) {
        String tag = etag(body);
        response.getHeaders().putSingle("ETag", tag);
        String cacheControl = response.getHeaderString("Cache-Control");
        if (!noCookie) {
            response.getHeaders().putSingle("Cache-Control", "private, no-cache");
        } else if (cacheControl == null || cacheControl.equalsIgnoreCase("no-cache")) {
            // a page is asked again each time (a 304 when unchanged): an admin who resolves an incident, a visitor
            // who reloads, must never be shown the page from before; API answers, feeds and badges may wait briefly
            boolean page =
                    response.getMediaType() != null && response.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE);
            response.getHeaders()
                    .putSingle(
                            "Cache-Control",
                            page || maxAge.isZero() ? "public, no-cache" : "public, max-age=" + maxAge.toSeconds());
        }
        if (matches(request.getHeaderString("If-None-Match"), tag)) {
            response.setStatus(304);
            response.setEntity(null);
        }
    }

    static String etag(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return "W/\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
    }

    /** Whether {@code If-None-Match} names {@code tag} (weak comparison) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String bare = tag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")
                    || c.equals(tag)
                    || c.equals(bare)
                    || c.toUpperCase(Locale.ROOT).equals("W/" + bare)) {
                return true;
            }
        }
        return false;
    }
}
