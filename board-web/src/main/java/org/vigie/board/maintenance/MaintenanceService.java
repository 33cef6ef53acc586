package org.vigie.board.maintenance;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.vigie.board.service.Service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A service a maintenance window covers, and which occurrence's Maintenance event it got (null: none shown). */
@Entity
@Table(name = "maintenance_services")
public class MaintenanceService extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "window_id")
    public MaintenanceWindow window;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "service_id")
    public Service service;

    public Instant shownSince;
}
