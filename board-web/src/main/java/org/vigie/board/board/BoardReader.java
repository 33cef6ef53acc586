package org.vigie.board.board;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.vigie.board.status.Severity;
import org.vigie.board.status.Status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads what the board shows, in one query per page: services, their status and last check. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class BoardReader {

    private static final String ROWS = "select s.id, s.slug, s.name, s.description, st.slug, st.name, st.severity, st.image, "
            + "s.statusSince, (s.target is not null), cs.lastCheckedAt, cs.lastLatencyMillis, cs.lastReason "
            + "from Service s left join s.status st left join CheckState cs on cs.serviceId = s.id ";

    private final EntityManager em;

    public BoardReader(EntityManager em) {
        this.em = em;
    }

    public List<ServiceRow> services() {
        Status fallback = Status.findDefault();
        return em.createQuery(ROWS + "order by s.name, s.id", Object[].class).getResultList().stream()
                .map(r -> row(r, fallback)).toList();
    }

    public Optional<ServiceRow> service(String slug) {
        return em.createQuery(ROWS + "where s.slug = :slug", Object[].class).setParameter("slug", slug)
                .getResultStream().findFirst().map(r -> row(r, Status.findDefault()));
    }

    private static ServiceRow row(Object[] r, Status fallback) {
        boolean hasStatus = r[4] != null;
        return new ServiceRow((Long) r[0], (String) r[1], (String) r[2], (String) r[3],
                hasStatus ? (String) r[4] : fallback.slug,
                hasStatus ? (String) r[5] : fallback.name,
                hasStatus ? (Severity) r[6] : fallback.severity,
                hasStatus ? (String) r[7] : fallback.image,
                (Instant) r[8], (Boolean) r[9], (Instant) r[10], (Integer) r[11], (String) r[12]);
    }
}
