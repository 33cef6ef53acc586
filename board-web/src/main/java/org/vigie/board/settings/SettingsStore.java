package org.vigie.board.settings;

import static org.vigie.board.web.Inputs.trimToNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.web.Inputs;

/** Reads and changes the board's settings (one row). */
@ApplicationScoped
public class SettingsStore {

    public static final int MAX_HISTORY_DAYS = 90;

    /** What the settings form sends; blank logo and report links remove them. */
    public record SettingsInput(String name, String logoUrl, String reportUrl, String historyDays, String timeZone) {}

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
        inputs.throwIfAny();
        BoardSettings settings = BoardSettings.current();
        settings.name = name;
        settings.logoUrl = logo;
        settings.reportUrl = report;
        settings.historyDays = days;
        settings.timeZone = zone;
        return settings;
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
