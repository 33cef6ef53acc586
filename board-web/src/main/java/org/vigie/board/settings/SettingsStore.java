package org.vigie.board.settings;

import static org.vigie.board.web.Inputs.trimToNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.web.Inputs;

/** Reads and changes the board's settings (one row). */
@ApplicationScoped
public class SettingsStore {

    public static final int MAX_HISTORY_DAYS = 90;

    /** Most links the footer carries. */
    public static final int MAX_FOOTER_LINKS = 10;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** What the settings form sends; blank logo, report links, accent and footer links remove them. */
    public record SettingsInput(
            String name,
            String logoUrl,
            String reportUrl,
            String historyDays,
            String timeZone,
            String accentColor,
            String footerLinks) {}

    /** A footer link as the board shows it. */
    public record FooterLink(String label, String url) {}

    @Transactional
    public BoardSettings current() {
        return BoardSettings.current();
    }

    @Transactional
    public BoardSettings update(SettingsInput in) {
        Inputs inputs = new Inputs();
        String name = inputs.required("name", in.name(), 100);
        String logo = link(inputs, "logoUrl", in.logoUrl(), false);
        String report = link(inputs, "reportUrl", in.reportUrl(), true);
        Integer days = inputs.integer("historyDays", in.historyDays());
        if (days == null && !inputs.has("historyDays")) {
            inputs.error("historyDays", "historyDays is required");
        } else if (days != null && (days < 1 || days > MAX_HISTORY_DAYS)) {
            inputs.error("historyDays", "historyDays must be between 1 and " + MAX_HISTORY_DAYS);
        }
        String zone = trimToNull(in.timeZone());
        if (zone == null) {
            inputs.error("timeZone", "timeZone is required, e.g. UTC or Europe/Paris");
        } else {
            try {
                zone = ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                inputs.error("timeZone", "timeZone \"" + zone + "\" is not a known time zone (e.g. UTC, Europe/Paris)");
            }
        }
        String accent = trimToNull(in.accentColor());
        if (accent != null && !COLOR.matcher(accent).matches()) {
            inputs.error("accentColor", "accentColor must be a colour as #rrggbb, e.g. #0969da");
        }
        String footer = trimToNull(in.footerLinks());
        if (footer != null) {
            footerLinks(inputs, footer);
        }
        inputs.throwIfAny();
        BoardSettings settings = BoardSettings.current();
        settings.accentColor = accent == null ? null : accent.toLowerCase(Locale.ROOT);
        settings.footerLinks = footer;
        settings.name = name;
        settings.logoUrl = logo;
        settings.reportUrl = report;
        settings.historyDays = days;
        settings.timeZone = zone;
        return settings;
    }

    /** The footer's links, checked: one {@code Label | link} per line, each link as safe as the report link. */
    private static List<FooterLink> footerLinks(Inputs inputs, String text) {
        if (text.length() > 4000) {
            inputs.error("footerLinks", "footerLinks is longer than 4000 characters");
            return List.of();
        }
        List<FooterLink> links = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            String label = bar < 0 ? "" : line.substring(0, bar).strip();
            if (bar < 0 || label.isEmpty() || label.length() > 60) {
                inputs.error(
                        "footerLinks",
                        "footerLinks: each line is \"Label | https://...\" with a label of 1 to 60 characters");
                return List.of();
            }
            String url = link(inputs, "footerLinks", line.substring(bar + 1), true);
            links.add(new FooterLink(label, url));
        }
        if (links.size() > MAX_FOOTER_LINKS) {
            inputs.error("footerLinks", "footerLinks holds at most " + MAX_FOOTER_LINKS + " links");
        }
        return links;
    }

    /** The stored footer links, as the board shows them; lines that no longer read are left out. */
    public static List<FooterLink> footerLinks(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        Inputs inputs = new Inputs();
        List<FooterLink> links = footerLinks(inputs, stored);
        return inputs.has("footerLinks") ? List.of() : links;
    }

    /** Absolute http(s) links only (and mailto: for the report link): never javascript: in the board's pages. */
    private static String link(Inputs inputs, String field, String text, boolean mailto) {
        String link = trimToNull(text);
        if (link == null) {
            return null;
        }
        if (link.length() > 2048) {
            inputs.error(field, field + " is longer than 2048 characters");
            return link;
        }
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
            if (!web && !(mailto && scheme.equals("mailto"))) {
                inputs.error(field, field + " must be an http:// or https:// link" + (mailto ? " (or mailto:)" : ""));
            }
        } catch (URISyntaxException e) {
            inputs.error(field, field + " is not a valid link: " + e.getReason());
        }
        return link;
    }
}
