package org.vigie.board.incident.rest;

import java.time.Instant;
import java.util.List;

import org.vigie.board.incident.service.IncidentView;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An incident in the APIs: the words as the API takes them ({@code major}, {@code partial-outage},
 * {@code monitoring}), times in ISO-8601 UTC, the timeline oldest first. {@code published} is false for a draft
 * (admins' API only: the public never reads drafts).
 */
public record IncidentJson(
        long id,
        String title,
        String impact,
        String state,
        boolean published,
        @JsonProperty("created-at") Instant createdAt,
        @JsonProperty("resolved-at") Instant resolvedAt,
        String url,
        @JsonProperty("html-url") String htmlUrl,
        List<AffectedJson> services,
        List<UpdateJson> updates) {

    public record AffectedJson(String id, String name, String impact, String url) {}

    public record UpdateJson(long id, String state, String message, Instant at) {}

    public static IncidentJson of(IncidentView i, String base) {
        return new IncidentJson(
                i.id(),
                i.title(),
                i.impact().slug(),
                i.state().slug(),
                i.published(),
                i.createdAt(),
                i.resolvedAt(),
                base + "/api/v1/incidents/" + i.id(),
                base + i.path(),
                i.services().stream()
                        .map(s -> new AffectedJson(
                                s.slug(), s.name(), s.impact().slug(), base + "/api/v1/services/" + s.slug()))
                        .toList(),
                i.updates().stream()
                        .map(u -> new UpdateJson(u.id(), u.state().slug(), u.message(), u.at()))
                        .toList());
    }
}
