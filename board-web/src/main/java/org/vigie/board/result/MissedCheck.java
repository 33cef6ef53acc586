package org.vigie.board.result;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
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

import org.hibernate.Session;

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

    /**
     * Inserts these in one multi-row statement. When workers fall behind, thousands of tasks expire at once, and
     * persisting them one by one (IDENTITY ids: no batching) took a sixth of board-web's time in a profile.
     */
    public static void insertAll(List<MissedCheck> missed) {
        if (missed.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO missed_checks (task_id, service_id, kind, reason, missed_at) VALUES (?, ?, ?, ?, ?)")) {
                for (MissedCheck m : missed) {
                    insert.setString(1, m.taskId);
                    insert.setObject(2, m.serviceId);
                    insert.setString(3, m.kind);
                    insert.setString(4, m.reason);
                    insert.setTimestamp(5, Timestamp.from(m.missedAt));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

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
