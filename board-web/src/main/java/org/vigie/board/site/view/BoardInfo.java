package org.vigie.board.site.view;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.vigie.board.settings.BoardSettings;
import org.vigie.board.settings.SettingsStore;
import org.vigie.board.settings.SettingsStore.FooterLink;

/** The board settings as the public side reads them (one row, read once per request). */
public record BoardInfo(
        String name,
        String logoUrl,
        String reportUrl,
        int historyDays,
        String timeZone,
        String accentColor,
        List<FooterLink> footerLinks) {

    /** Most days of history a page computes, whatever the settings say. */
    public static final int MAX_HISTORY_DAYS = 366;

    public static final BoardInfo DEFAULTS = new BoardInfo("Vigie", null, null, 90, "UTC", null, List.of());

    /** The settings row, or the defaults when the row is missing. */
    public static BoardInfo of(BoardSettings s) {
        return s == null
                ? DEFAULTS
                : new BoardInfo(
                        s.name,
                        s.logoUrl,
                        s.reportUrl,
                        s.historyDays,
                        s.timeZone,
                        s.accentColor,
                        SettingsStore.footerLinks(s.footerLinks));
    }

    public int days() {
        return Math.max(1, Math.min(MAX_HISTORY_DAYS, historyDays));
    }

    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Links admins set are shown only when they are web addresses: never a {@code javascript:} URL. */
    public String safeLogoUrl() {
        return safe(logoUrl);
    }

    public String safeReportUrl() {
        return safe(reportUrl);
    }

    private static String safe(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.trim();
        String lower = u.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || (u.startsWith("/") && !u.startsWith("//"))
                ? u
                : null;
    }
}
