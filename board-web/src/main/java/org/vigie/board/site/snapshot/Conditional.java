package org.vigie.board.site.snapshot;

import java.time.Duration;
import java.util.Locale;
import java.util.zip.CRC32C;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

/**
 * Conditional answers for the public side: an ETag from the body's bytes, a 304 without the body when the visitor's
 * copy is still right, and a short public Cache-Control so that a proxy or CDN can take repeated reads off the board.
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
        } else if ((cacheControl == null || cacheControl.equalsIgnoreCase("no-cache")) && !maxAge.isZero()) {
            response.getHeaders().putSingle("Cache-Control", "public, max-age=" + maxAge.toSeconds());
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
