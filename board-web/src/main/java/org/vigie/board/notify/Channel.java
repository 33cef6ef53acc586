package org.vigie.board.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A place notifications go, with its rule: which events, for which services or groups (none named: all). */
@Entity
@Table(name = "notification_channels")
public class Channel extends PanacheEntityBase {

    public static final int NAME_MAX = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Enumerated(EnumType.STRING)
    public ChannelKind kind;

    public boolean enabled = true;

    /** The plain settings, a JSON object of strings. */
    public String settings;

    /** The secret settings, a JSON object of strings encrypted by {@code service.SecretBox}; null when none. */
    public String secrets;

    /** Comma-separated {@link NoticeKind} slugs. */
    public String events;

    /** Comma-separated service slugs; with {@link #groupSlugs} empty too, every service. */
    public String serviceSlugs;

    public String groupSlugs;

    /** Notify again every so many seconds while a service stays Down; null: once. */
    @Column(name = "renotify_every_s")
    public Integer renotifyEveryS;

    /** No service notification while the service is in maintenance. */
    public boolean quietInMaintenance = true;

    /** The most deliveries a minute, all board-webs together; null: {@code vigie.notify.rate-per-minute}. */
    public Integer ratePerMinute;

    public Instant createdAt;

    public static List<Channel> inOrder() {
        return listAll(Sort.by("name").and("id"));
    }

    public static List<Channel> enabledOnes() {
        return list("enabled", true);
    }

    public static Optional<Channel> findByIdOptional(long id) {
        return Optional.ofNullable(findById(id));
    }

    public List<String> eventSlugs() {
        return split(events);
    }

    public List<String> services() {
        return split(serviceSlugs);
    }

    public List<String> groups() {
        return split(groupSlugs);
    }

    public boolean wants(NoticeKind kind) {
        return kind == NoticeKind.TEST || eventSlugs().contains(kind.slug());
    }

    /** Whether a notice about this service (and its group, may be null) is this channel's. */
    public boolean covers(String serviceSlug, String groupSlug) {
        List<String> services = services();
        List<String> groups = groups();
        if (services.isEmpty() && groups.isEmpty()) {
            return true;
        }
        return services.contains(serviceSlug) || (groupSlug != null && groups.contains(groupSlug));
    }

    static List<String> split(String csv) {
        return csv == null || csv.isBlank()
                ? List.of()
                : Arrays.stream(csv.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }
}
