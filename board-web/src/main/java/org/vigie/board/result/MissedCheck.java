package org.vigie.board.result;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A check that never produced a result: its task expired unanswered or could not be read. */
@Entity
@Table(name = "missed_checks")
public class MissedCheck extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String taskId;

    /** Null when the task could not be read. */
    public Long serviceId;

    /** {@code expired}, {@code malformed}, {@code rejected} or {@code delivery-limit}. */
    public String kind;

    public String reason;

    public Instant missedAt;

    /** Which of these task ids are recorded already: a dead letter taken twice is recorded once. */
    public static List<String> recorded(Collection<String> taskIds) {
        return getEntityManager()
                .createQuery("select m.taskId from MissedCheck m where m.taskId in :ids", String.class)
                .setParameter("ids", taskIds)
                .getResultList();
    }

    /** A service's missed checks since {@code since}, by kind, most frequent first. */
    public static Map<String, Long> countByKind(long serviceId, Instant since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        getEntityManager()
                .createQuery(
                        "select m.kind, count(m) from MissedCheck m where m.serviceId = :id and m.missedAt >= :since "
                                + "group by m.kind order by count(m) desc, m.kind",
                        Object[].class)
                .setParameter("id", serviceId)
                .setParameter("since", since)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }
}
