package org.vigie.board.maintenance.rest;

import java.time.Instant;
import java.util.List;

import org.vigie.board.maintenance.service.MaintenanceView;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A maintenance window in the APIs: {@code state} (scheduled, in-progress, completed, ended-early), {@code start} and
 * {@code end} of the occurrence that matters (in progress, else the next, else the first), times in ISO-8601 UTC;
 * {@code repeat} null, {@code weekly} or a cron expression, with the first occurrence's times beside it.
 */
public record MaintenanceJson(
        long id,
        String title,
        String message,
        String state,
        Instant start,
        Instant end,
        String repeat,
        @JsonProperty("starts-at") Instant startsAt,
        @JsonProperty("ends-at") Instant endsAt,
        @JsonProperty("ended-at") Instant endedAt,
        List<ServiceJson> services) {

    public record ServiceJson(String id, String name, String url) {}

    public static MaintenanceJson of(MaintenanceView m, String base) {
        return new MaintenanceJson(
                m.id(),
                m.title(),
                m.message(),
                m.state().slug(),
                m.start(),
                m.end(),
                m.repeat(),
                m.startsAt(),
                m.endsAt(),
                m.endedAt(),
                m.services().stream()
                        .map(s -> new ServiceJson(s.slug(), s.name(), base + "/api/v1/services/" + s.slug()))
                        .toList());
    }

    /** The public answer: what is in progress, then what is coming within the configured horizon. */
    public record Visible(
            @JsonProperty("in-progress") List<MaintenanceJson> inProgress, List<MaintenanceJson> upcoming) {

        public static Visible of(List<MaintenanceView> windows, String base) {
            return new Visible(
                    windows.stream()
                            .filter(MaintenanceView::inProgress)
                            .map(m -> MaintenanceJson.of(m, base))
                            .toList(),
                    windows.stream()
                            .filter(m -> !m.inProgress())
                            .map(m -> MaintenanceJson.of(m, base))
                            .toList());
        }
    }

    /** {@code http://host:port}, without a trailing slash. */
    static String base(jakarta.ws.rs.core.UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }
}
