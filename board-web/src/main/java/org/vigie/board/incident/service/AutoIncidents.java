package org.vigie.board.incident.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.vigie.board.event.ServiceWentDown;
import org.vigie.board.incident.Impact;
import org.vigie.board.incident.Incident;
import org.vigie.board.incident.IncidentConfig;
import org.vigie.board.incident.IncidentState;
import org.vigie.board.incident.ServiceImpact;
import org.vigie.board.service.Service;

/**
 * Opens a draft incident when the checks turn a service Down, once the results' transaction has committed (a
 * rolled-back batch opens none). A draft is for admins: they see it on the incidents page and publish, edit or
 * delete it. None is opened while an open incident, draft or published, already affects the service.
 */
@ApplicationScoped
public class AutoIncidents {

    private static final Logger LOG = Logger.getLogger(AutoIncidents.class);

    private final IncidentConfig config;

    public AutoIncidents(IncidentConfig config) {
        this.config = config;
    }

    void serviceWentDown(@Observes(during = TransactionPhase.AFTER_SUCCESS) ServiceWentDown down) {
        if (!config.draftOnDown()) {
            return;
        }
        try {
            openDraft(down);
        } catch (RuntimeException e) {
            // the results are stored whatever happens here: a missed draft is logged, never a lost result
            LOG.warnf(e, "no draft incident for service %d gone Down", down.serviceId());
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void openDraft(ServiceWentDown down) {
        Service service = Service.findById(down.serviceId());
        if (service == null) {
            return;
        }
        long open = Incident.count(
                "select count(i) from Incident i join i.services s where i.resolvedAt is null and s.service = ?1",
                service);
        if (open > 0) {
            return;
        }
        IncidentCatalog.openDraft(
                service.name + " is down",
                Impact.MAJOR,
                Map.of(service, ServiceImpact.MAJOR_OUTAGE),
                IncidentState.INVESTIGATING,
                "The checks say " + service.name + " is down: "
                        + (down.publicReason() == null ? "Down" : down.publicReason()),
                down.at());
    }
}
