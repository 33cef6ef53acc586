package org.vigie.board.notify;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One notification for one channel, or for one visitor's subscription (package subscribe): the outbox row, written in
 * the event's transaction, and its delivery's state.
 */
@Entity
@Table(name = "notifications")
public class Notification extends PanacheEntityBase {

    /** Bodies and errors kept in the log are cut to this. */
    public static final int TEXT_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "channel_id")
    public Channel channel;

    /** A visitor's subscription when {@link #channel} is null (see {@code service.Subscribers}). */
    public Long subscriptionId;

    @Enumerated(EnumType.STRING)
    public NoticeKind kind;

    public Long serviceId;

    public Long eventId;

    public Long incidentId;

    /** The {@code service.Notice}, as JSON. */
    public String message;

    @Enumerated(EnumType.STRING)
    public DeliveryState state = DeliveryState.PENDING;

    public int attempts;

    public Instant nextAttemptAt;

    public Instant createdAt;

    public Instant sentAt;

    public Integer responseStatus;

    public String responseBody;

    public String error;

    public static String cut(String text) {
        return text == null || text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX - 1) + "…";
    }
}
