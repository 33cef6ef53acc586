package org.vigie.board.site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.vigie.board.site.i18n.Languages;
import org.vigie.board.site.i18n.Msg;
import org.vigie.board.site.view.StatusInfo;

/**
 * Who is looking: the time zone and language pages are rendered in, and the cookies that remember a choice
 * made with {@code ?tz=} or {@code ?lang=}.
 */
public final class Visitor {

    /** Zones offered by the page's selector; the visitor may type any IANA zone in {@code ?tz=}. */
    public static final List<String> COMMON_ZONES = List.of(
            "UTC",
            "Europe/London",
            "Europe/Lisbon",
            "Europe/Paris",
            "Europe/Berlin",
            "Europe/Madrid",
            "Europe/Brussels",
            "Europe/Zurich",
            "Europe/Athens",
            "Europe/Moscow",
            "Africa/Casablanca",
            "Africa/Abidjan",
            "Africa/Dakar",
            "Africa/Lagos",
            "Africa/Johannesburg",
            "Asia/Dubai",
            "Asia/Kolkata",
            "Asia/Singapore",
            "Asia/Shanghai",
            "Asia/Tokyo",
            "Australia/Sydney",
            "Pacific/Auckland",
            "Pacific/Noumea",
            "Pacific/Tahiti",
            "America/Halifax",
            "America/Montreal",
            "America/Toronto",
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Sao_Paulo",
            "America/Martinique",
            "Indian/Reunion");

    private final ZoneId zone;
    private final Locale locale;
    private final Msg msg;
    private final List<String> cookies;
    private final DateTimeFormatter time;
    private final DateTimeFormatter dayHeader;
    private final DateTimeFormatter longDay;
    private final DateTimeFormatter dayLabel;
    private final DateTimeFormatter month;
    private final DateTimeFormatter shortTime;

    public Visitor(ZoneId zone, Locale locale, List<String> cookies) {
        this.zone = zone;
        this.locale = locale;
        this.msg = Languages.msg(locale);
        this.cookies = List.copyOf(cookies);
        this.time =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", locale).withZone(zone);
        this.shortTime = DateTimeFormatter.ofPattern("d MMM HH:mm", locale).withZone(zone);
        this.dayHeader = DateTimeFormatter.ofPattern("EEE d", locale);
        this.longDay = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
        this.dayLabel = DateTimeFormatter.ofPattern("EEE d MMM", locale);
        this.month = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
    }

    public ZoneId zone() {
        return zone;
    }

    public String zoneId() {
        return zone.getId();
    }

    public Locale locale() {
        return locale;
    }

    public String lang() {
        return locale.getLanguage();
    }

    public Msg msg() {
        return msg;
    }

    /** Set-Cookie header values remembering the visitor's choices; empty when nothing was chosen. */
    public List<String> cookies() {
        return cookies;
    }

    /** The selector's zones, the visitor's own first when it is not among them. */
    public List<String> zones() {
        if (COMMON_ZONES.contains(zone.getId())) {
            return COMMON_ZONES;
        }
        List<String> zones = new ArrayList<>(COMMON_ZONES.size() + 1);
        zones.add(zone.getId());
        zones.addAll(COMMON_ZONES);
        return zones;
    }

    /** {@code 2026-11-25 11:00:01 CET}, in the visitor's zone; a dash when never. */
    public String time(Instant instant) {
        return instant == null ? "—" : time.format(instant);
    }

    public String shortTime(Instant instant) {
        return instant == null ? "—" : shortTime.format(instant);
    }

    /** A history column's header: {@code Tue 24}, {@code mar. 24}. */
    public String dayHeader(LocalDate day) {
        return dayHeader.format(day);
    }

    /** A day cell's title: {@code Tue 24 Nov}. */
    public String dayLabel(LocalDate day) {
        return dayLabel.format(day);
    }

    /** {@code Tuesday 24 November 2026}, {@code mardi 24 novembre 2026}. */
    public String longDay(LocalDate day) {
        return longDay.format(day);
    }

    public String month(LocalDate firstDay) {
        return month.format(firstDay);
    }

    /** {@code 42 ms} or {@code 1.3 s}; a dash when unknown. */
    public String latency(Integer millis) {
        return Formats.latency(millis);
    }

    public String zoneName() {
        return zone.getId() + " (" + zone.getDisplayName(TextStyle.FULL, locale) + ")";
    }

    /** An uptime as the board writes it ({@code 99.95%}, {@code 99,95 %}), rounded down. */
    public String percent(long part, long whole) {
        return PublicBoard.percent(part, whole, locale);
    }

    /** What a pool says, in the visitor's language ({@code PoolSummary.say}). */
    public String poolSays(String say) {
        return switch (say) {
            case "up" -> msg.pool_says_up();
            case "warning" -> msg.pool_says_warning();
            case "down" -> msg.pool_says_down();
            case "pending" -> msg.pool_says_pending();
            default -> msg.pool_says_unknown();
        };
    }

    public String statusName(StatusInfo status) {
        return status == null ? msg.unknown() : status.displayName(msg);
    }

    public boolean isFrench() {
        return "fr".equals(locale.getLanguage());
    }
}
