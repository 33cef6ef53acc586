package org.vigie.board.service;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * When a checked service is next due. board-web creates the row with the service's target (first check now);
 * the dispatcher claims due rows and moves {@code nextCheckAt}.
 */
@Entity
@Table(name = "check_schedules")
public class CheckSchedule extends PanacheEntityBase {

    @Id
    public Long serviceId;

    public Instant nextCheckAt;

    public Instant lastDispatchedAt;

    public static CheckSchedule dueNow(long serviceId, Instant now) {
        CheckSchedule schedule = new CheckSchedule();
        schedule.serviceId = serviceId;
        schedule.nextCheckAt = now;
        return schedule;
    }
}
