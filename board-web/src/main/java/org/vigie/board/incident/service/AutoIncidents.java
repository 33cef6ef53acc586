package org.vigie.board.incident.service;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.vigie.board.event.ServiceWentDown;
import org.vigie.board.incident.Impact;
import org.vigie.board.incident.Incident;
import org.vigie.board.incident.IncidentConfig;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.ServiceImpact;
import org.vigie.board.service.IncidentsOnDown;
import org.vigie.board.service.Service;

/**
 * Opens an incident when the checks turn a service Down, once the results' transaction has committed (a rolled-back
 * batch opens none): a draft, for admins to publish, edit or delete, or one published at once, as the service's
 * {@code incidents} setting says (else the board's default, {@code vigie.incidents.draft-on-down}). None is opened
 * while an open incident, draft or published, already affects the service.
 */
@ApplicationScoped
public class AutoIncidents {

    private static final Logger LOG = Logger.getLogger(AutoIncidents.class);

    private final IncidentConfig config;
    private final Event<IncidentDrafts.Changed> changed;

    public AutoIncidents(IncidentConfig config, Event<IncidentDrafts.Changed> changed) {
        this.config = config;
        this.changed = changed;
    }

    /** What the checks do about incidents when they turn this service Down: its own setting, else the board's. */
    public IncidentsOnDown onDown(Service service) {
        return service.incidents != null ? service.incidents : boardDefault();
    }

    /** What the checks do for services with no setting of their own. */
    public IncidentsOnDown boardDefault() {
        return config.draftOnDown() ? IncidentsOnDown.DRAFT : IncidentsOnDown.OFF;
    }

    void serviceWentDown(@Observes(during = TransactionPhase.AFTER_SUCCESS) ServiceWentDown down) {
        try {
            open(down);
        } catch (RuntimeException e) {
            // the results are stored whatever happens here: a missed incident is logged, never a lost result
            LOG.warnf(e, "no incident opened for service %d gone Down", down.serviceId());
        }
    }

    /**
     * Opens the incident the service's setting asks for, unless an open incident affects it already.
     *
     * @return the incident's id; empty when none was opened
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> open(ServiceWentDown down) {
        // The service's row locked first, before any other read of this transaction: two board-webs (or two Down
        // events close together) opening for the same service take turns, and the second one's count, read after the
        // first one committed, sees its incident.
        Service service = Service.findById(down.serviceId(), LockModeType.PESSIMISTIC_WRITE);
        if (service == null) {
            return Optional.empty();
        }
        IncidentsOnDown mode = onDown(service);
        if (mode == IncidentsOnDown.OFF) {
            return Optional.empty();
        }
        long open = Incident.count(
                "select count(i) from Incident i join i.services s where i.resolvedAt is null and s.service = ?1",
                service);
        if (open > 0) {
            return Optional.empty();
        }
        Incident incident = IncidentCatalog.openByChecks(
                service.name + " is down",
                Impact.MAJOR,
                Map.of(service, ServiceImpact.MAJOR_OUTAGE),
                mode == IncidentsOnDown.PUBLISH,
                IncidentState.INVESTIGATING,
                "The checks say " + service.name + " is down: "
                        + (down.publicReason() == null ? "Down" : down.publicReason()),
                down.at());
        changed.fire(new IncidentDrafts.Changed());
        return Optional.of(incident.id);
    }
}
