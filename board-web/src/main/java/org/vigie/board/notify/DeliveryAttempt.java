package org.vigie.board.notify;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One try at delivering a notification, with what the receiver answered: the delivery log's lines. */
@Entity
@Table(name = "notification_attempts")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long notificationId;

    public int attempt;

    public Instant at;

    @Enumerated(EnumType.STRING)
    public DeliveryState outcome;

    public Integer responseStatus;

    public String responseBody;

    public String error;
}
