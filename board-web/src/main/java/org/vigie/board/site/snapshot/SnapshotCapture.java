package org.vigie.board.site.snapshot;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.vigie.board.site.BoardConfig;
import org.vigie.board.site.VisitorResolver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every good public answer (a 200 to a GET of a public address whose body is text, bytes or a JSON document) gets its
 * ETag and a short public Cache-Control ({@link Conditional}), and is kept in {@link LastGoodPages}. Not kept: an answer that sets a cookie other than the visitor's language and zone (it
 * would hand one visitor's cookie to another), or one its resource says must not be stored.
 */
public class SnapshotCapture {

    private static final Logger LOG = Logger.getLogger(SnapshotCapture.class);

    private final LastGoodPages pages;
    private final ObjectMapper json;
    private final Clock clock;
    private final BoardConfig config;

    public SnapshotCapture(LastGoodPages pages, ObjectMapper json, Clock clock, BoardConfig config) {
        this.pages = pages;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @ServerResponseFilter
    public void keep(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            keepIfGood(request, response);
        } catch (RuntimeException e) { // keeping a copy must never cost the answer itself
            LOG.debugf(e, "not keeping the answer to %s", request.getUriInfo().getPath());
        }
    }

    private void keepIfGood(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != 200
                || !"GET".equals(request.getMethod())
                || !LastGoodPages.isPublic(request.getUriInfo().getPath())) {
            return;
        }
        MediaType type = response.getMediaType();
        Object entity = response.getEntity();
        byte[] body = body(entity, type);
        if (body == null) {
            return;
        }
        if (!(entity instanceof String) && !(entity instanceof byte[])) {
            // the bytes tagged and kept are the bytes sent: a JSON answer is written once, here
            response.setEntity(body, response.getEntityAnnotations(), type);
        }
        boolean noCookie = response.getHeaders().get("Set-Cookie") == null;
        Conditional.tag(request, response, body, noCookie, config.publicMaxAge());
        if (!pages.enabled()
                || !replayable(response.getHeaders().get("Set-Cookie"))
                || notToBeStored(response.getHeaderString("Cache-Control"))) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : LastGoodPages.KEPT_HEADERS) {
            String value = response.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (!headers.containsKey("Content-Type")) {
            headers.put("Content-Type", type == null ? MediaType.APPLICATION_JSON : type.toString());
        }
        var uri = request.getUriInfo().getRequestUri();
        String key = LastGoodPages.key(
                uri.getRawPath(),
                uri.getRawQuery(),
                value(request.getCookies().get(VisitorResolver.LANG_COOKIE)),
                value(request.getCookies().get(VisitorResolver.TZ_COOKIE)),
                request.getHeaderString("Accept-Language"));
        pages.keep(key, new LastGoodPages.Snapshot(body, Map.copyOf(headers), clock.instant()));
    }

    /** Text as sent, bytes as they are, any other entity as JSON (the public API's records), else nothing. */
    private byte[] body(Object entity, MediaType type) {
        if (entity instanceof String text) {
            return type == null ? null : text.getBytes(charset(type));
        }
        if (entity instanceof byte[] bytes) {
            return type == null ? null : bytes.clone();
        }
        if (entity == null || (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            return null;
        }
        try {
            return json.writeValueAsBytes(entity); // the mapper the API's answers are written with
        } catch (JsonProcessingException e) {
            LOG.debugf(e, "not keeping an answer that cannot be written as JSON");
            return null;
        }
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Only the visitor's own preference cookies, which the stale answer leaves out anyway. */
    static boolean replayable(List<Object> setCookies) {
        if (setCookies == null) {
            return true;
        }
        for (Object c : setCookies) {
            String name = c instanceof NewCookie cookie
                    ? cookie.getName()
                    : String.valueOf(c).split("=", 2)[0].trim();
            if (!name.equals(VisitorResolver.LANG_COOKIE) && !name.equals(VisitorResolver.TZ_COOKIE)) {
                return false;
            }
        }
        return true;
    }

    private static boolean notToBeStored(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        String cc = cacheControl.toLowerCase(Locale.ROOT);
        return cc.contains("no-store") || cc.contains("private");
    }

    private static String value(Cookie cookie) {
        return cookie == null ? null : cookie.getValue();
    }
}
