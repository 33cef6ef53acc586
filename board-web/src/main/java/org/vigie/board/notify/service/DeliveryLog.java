package org.vigie.board.notify.service;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.notify.DeliveryAttempt;
import org.vigie.board.notify.DeliveryState;
import org.vigie.board.notify.Notification;

import io.quarkus.panache.common.Sort;

/** The delivery log: the latest notifications, each with its attempts and the receivers' answers. */
@ApplicationScoped
public class DeliveryLog {

    public record AttemptLine(int attempt, String at, String outcome, Integer status, String body, String error) {}

    public record LogLine(
            long id,
            long channelId,
            String channel,
            String kind,
            String title,
            String state,
            int attempts,
            String createdAt,
            String sentAt,
            String nextAttemptAt,
            Integer status,
            String body,
            String error,
            List<AttemptLine> tries) {}

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public DeliveryLog(com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
    }

    /** The latest {@code limit} notifications, newest first; {@code state} filters (null: all). */
    @Transactional
    public List<LogLine> latest(int limit, DeliveryState state, Long channelId) {
        // the team's channels only: visitors' deliveries carry their addresses and are not the team's log
        StringBuilder q = new StringBuilder("channel is not null");
        Map<String, Object> params = new java.util.HashMap<>();
        if (state != null) {
            q.append(" and state = :state");
            params.put("state", state);
        }
        if (channelId != null) {
            q.append(" and channel.id = :channel");
            params.put("channel", channelId);
        }
        List<Notification> rows = Notification.<Notification>find(
                        q.toString(), Sort.by("createdAt").descending().and("id", Sort.Direction.Descending), params)
                .page(0, limit)
                .list();
        List<Long> ids = rows.stream().map(n -> n.id).toList();
        Map<Long, List<DeliveryAttempt>> attempts = ids.isEmpty()
                ? Map.of()
                : DeliveryAttempt.<DeliveryAttempt>list("notificationId in ?1 order by attempt", ids).stream()
                        .collect(Collectors.groupingBy(a -> a.notificationId));
        return rows.stream()
                .map(n -> new LogLine(
                        n.id,
                        n.channel.id,
                        n.channel.name,
                        n.kind.slug(),
                        title(n),
                        n.state.name().toLowerCase(java.util.Locale.ROOT),
                        n.attempts,
                        n.createdAt.toString(),
                        n.sentAt == null ? null : n.sentAt.toString(),
                        n.state == DeliveryState.SENT || n.state == DeliveryState.FAILED
                                ? null
                                : n.nextAttemptAt.toString(),
                        n.responseStatus,
                        n.responseBody,
                        n.error,
                        attempts.getOrDefault(n.id, List.of()).stream()
                                .map(a -> new AttemptLine(
                                        a.attempt,
                                        a.at.toString(),
                                        a.outcome.name().toLowerCase(java.util.Locale.ROOT),
                                        a.responseStatus,
                                        a.responseBody,
                                        a.error))
                                .toList()))
                .toList();
    }

    private String title(Notification n) {
        try {
            return json.readValue(n.message, Notice.class).title();
        } catch (Exception e) {
            return n.kind.slug();
        }
    }
}
