package org.vigie.board.site;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.vigie.board.site.i18n.Languages;
import org.vigie.board.site.view.BoardInfo;

/**
 * Works out a visitor's zone and language: {@code ?tz=} and {@code ?lang=} win and are remembered in cookies for a
 * year; then the cookies; then the board's zone and the browser's Accept-Language. An unknown zone or language in
 * the query is refused (400); a cookie that went stale is ignored.
 */
@ApplicationScoped
public class VisitorResolver {

    public static final String TZ_COOKIE = "vigie_tz";
    public static final String LANG_COOKIE = "vigie_lang";
    private static final int YEAR = 365 * 24 * 3600;

    /** A query parameter the board cannot honour; the message is already in the visitor's language. */
    public static final class BadChoice extends RuntimeException {
        public final transient Visitor fallback;

        BadChoice(String message, Visitor fallback) {
            super(message);
            this.fallback = fallback;
        }
    }

    public Visitor resolve(UriInfo uri, HttpHeaders headers, BoardInfo board) {
        Map<String, Cookie> cookies = headers.getCookies();
        List<String> set = new ArrayList<>(2);

        Locale locale = fromAcceptLanguage(headers);
        Locale remembered = supported(value(cookies.get(LANG_COOKIE)));
        if (remembered != null) {
            locale = remembered;
        }
        String lang = uri.getQueryParameters().getFirst("lang");
        if (lang != null && !lang.isBlank()) {
            Locale chosen = supported(lang.trim());
            if (chosen == null) {
                throw new BadChoice(Languages.msg(locale).bad_lang(lang), new Visitor(board.zone(), locale, List.of()));
            }
            locale = chosen;
            set.add(cookie(LANG_COOKIE, chosen.getLanguage()));
        }

        ZoneId zone = board.zone();
        ZoneId rememberedZone = zone(value(cookies.get(TZ_COOKIE)));
        if (rememberedZone != null) {
            zone = rememberedZone;
        }
        String tz = uri.getQueryParameters().getFirst("tz");
        if (tz != null && !tz.isBlank()) {
            ZoneId chosen = zone(tz.trim());
            if (chosen == null) {
                throw new BadChoice(Languages.msg(locale).bad_zone(tz), new Visitor(zone, locale, set));
            }
            zone = chosen;
            set.add(cookie(TZ_COOKIE, chosen.getId()));
        }
        return new Visitor(zone, locale, set);
    }

    /**
     * A Set-Cookie value written by hand: JAX-RS would quote a value holding a slash ({@code "Europe/Paris"}), which
     * RFC 6265 does not need. Values are zone ids and language codes, checked before they get here.
     */
    private static String cookie(String name, String value) {
        return name + "=" + value + "; Path=/; Max-Age=" + YEAR + "; SameSite=Lax";
    }

    private static String value(Cookie cookie) {
        if (cookie == null || cookie.getValue() == null) {
            return null;
        }
        String v = cookie.getValue();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static Locale fromAcceptLanguage(HttpHeaders headers) {
        try {
            for (Locale l : headers.getAcceptableLanguages()) { // sorted by quality
                Locale supported = supported(l.getLanguage());
                if (supported != null) {
                    return supported;
                }
            }
        } catch (RuntimeException e) {
            // an unreadable Accept-Language header: the default language
        }
        return Languages.ALL.get(0);
    }

    /** The board's language for a code such as {@code fr} or {@code fr-CA}; null when it speaks none of them. */
    public static Locale supported(String lang) {
        if (lang == null) {
            return null;
        }
        String l = lang.toLowerCase(Locale.ROOT);
        for (Locale locale : Languages.ALL) {
            if (locale.getLanguage().equals(l) || l.startsWith(locale.getLanguage() + "-")) {
                return locale;
            }
        }
        return null;
    }

    /** Region-based IANA zones and UTC only: no raw offsets such as {@code +02:00} or abbreviations. */
    public static ZoneId zone(String id) {
        if (id == null || id.length() > 64) {
            return null;
        }
        if (id.equals("UTC") || id.equals("Z")) {
            return ZoneId.of("UTC");
        }
        if (!id.contains("/")) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
