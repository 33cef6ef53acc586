package org.vigie.board.notify.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.maintenance.service.MaintenanceSchedule;

/**
 * Whether a service is in a maintenance window in progress, for channels that stay quiet then. The checks write no
 * Down or Unknown for such a service anyway; this quiets what admins post meanwhile and the reminders.
 */
@ApplicationScoped
public class QuietTimes {

    private final MaintenanceSchedule schedule;

    public QuietTimes(MaintenanceSchedule schedule) {
        this.schedule = schedule;
    }

    public boolean inMaintenance(long serviceId, Instant at) {
        return schedule.inMaintenance(at).contains(serviceId);
    }
}
