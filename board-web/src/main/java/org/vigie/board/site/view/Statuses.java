package org.vigie.board.site.view;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.vigie.board.status.Status;

/** Every status in board order ({@link Status#inOrder()}), read once per request: lookups by id and slug, the default. */
public record Statuses(List<StatusInfo> all, Map<Long, StatusInfo> byId, StatusInfo defaultStatus) {

    public static Statuses of(List<StatusInfo> all) {
        Map<Long, StatusInfo> byId = all.stream().collect(Collectors.toMap(StatusInfo::id, Function.identity()));
        StatusInfo def = all.stream()
                .filter(StatusInfo::isDefault)
                .findFirst()
                .orElseGet(() -> all.stream()
                        .min(Comparator.comparing(StatusInfo::severity))
                        .orElse(null));
        return new Statuses(all, byId, def);
    }

    public StatusInfo get(Long id) {
        return id == null ? defaultStatus : byId.getOrDefault(id, defaultStatus);
    }

    public Optional<StatusInfo> bySlug(String slug) {
        return all.stream().filter(s -> s.slug().equals(slug)).findFirst();
    }

    /** The legend: the board order, least to most severe. */
    public List<StatusInfo> legend() {
        return all;
    }
}
