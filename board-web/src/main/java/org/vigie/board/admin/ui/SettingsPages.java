package org.vigie.board.admin.ui;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.settings.BoardSettings;
import org.vigie.board.settings.SettingsStore;
import org.vigie.board.settings.SettingsStore.SettingsInput;
import org.vigie.board.web.InvalidInput;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Admin page for the board's settings: name, logo, "report an issue" link, history days, time zone. */
@Path("/admin/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPages {

    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") || z.equals("UTC"))
            .sorted()
            .toList();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(
                SettingsInput form, Map<String, String> errors, List<String> zones, String notice, int maxDays);
    }

    private final SettingsStore store;

    public SettingsPages(SettingsStore store) {
        this.store = store;
    }

    @GET
    public String form(@RestQuery String notice) {
        BoardSettings s = store.current();
        SettingsInput form = new SettingsInput(
                s.name,
                s.logoUrl == null ? "" : s.logoUrl,
                s.reportUrl == null ? "" : s.reportUrl,
                String.valueOf(s.historyDays),
                s.timeZone,
                s.accentColor == null ? "" : s.accentColor,
                s.footerLinks == null ? "" : s.footerLinks);
        return Templates.form(form, Map.of(), ZONES, Notices.text(notice), SettingsStore.MAX_HISTORY_DAYS)
                .render();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(
            @RestForm String name,
            @RestForm String logoUrl,
            @RestForm String reportUrl,
            @RestForm String historyDays,
            @RestForm String timeZone,
            @RestForm String accentColor,
            @RestForm String footerLinks) {
        SettingsInput form =
                new SettingsInput(name, logoUrl, reportUrl, historyDays, timeZone, accentColor, footerLinks);
        try {
            store.update(form);
            return Forms.seeOther("/admin/settings?notice=saved");
        } catch (InvalidInput e) {
            return Forms.page(
                    400,
                    Templates.form(form, e.errors(), ZONES, null, SettingsStore.MAX_HISTORY_DAYS)
                            .render());
        }
    }
}
