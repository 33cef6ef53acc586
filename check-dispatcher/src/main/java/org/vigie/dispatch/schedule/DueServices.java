package org.vigie.dispatch.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Claims the services that are due, in the board's database. A claim is one transaction: lock the due
 * {@code check_schedules} rows with {@code FOR UPDATE SKIP LOCKED}, read the services, move each row to its next
 * slot, commit. A second dispatcher (or cron overlapping the scheduler) skips the locked rows, and once committed a
 * row is not due again before its next slot: a service is never sent twice in one interval.
 * <p>
 * Times are stored as UTC {@code DATETIME}s; they are bound as {@link LocalDateTime} so that no driver or session
 * time zone shifts them.
 */
@ApplicationScoped
public class DueServices {

    private static final String CLAIM_DUE = """
            SELECT service_id FROM check_schedules
            WHERE next_check_at <= ?
            ORDER BY next_check_at
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    // --all pages by id: the rows it moves stay claimable by id, so a due condition cannot end the paging
    private static final String CLAIM_ALL = """
            SELECT service_id FROM check_schedules
            WHERE service_id > ?
            ORDER BY service_id
            LIMIT ?
            FOR UPDATE SKIP LOCKED""";

    /**
     * Moves the claimed rows to their next slots. An upsert rather than an UPDATE per row: the driver
     * (rewriteBatchedStatements) sends a batch of it as one multi-row statement, where UPDATEs go as many statements,
     * a quarter of a pass's time. The rows are locked by the claim, so each exists and this only updates them.
     */
    private static final String MOVE = "INSERT INTO check_schedules (next_check_at, last_dispatched_at, service_id)"
            + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE next_check_at = VALUES(next_check_at),"
            + " last_dispatched_at = VALUES(last_dispatched_at)";

    private static final String PUT_BACK = "UPDATE check_schedules SET next_check_at = ? WHERE service_id = ?";

    /**
     * One claimed batch.
     *
     * @param claimedIds every schedule row claimed, in claim order (a batch shorter than asked means nothing is left)
     * @param services   the claimed services that still exist, with what a task needs
     */
    public record Claim(List<Long> claimedIds, List<ClaimedService> services) {

        public long lastId() {
            return claimedIds.isEmpty() ? 0 : claimedIds.get(claimedIds.size() - 1);
        }
    }

    @Inject
    DataSource dataSource;

    /** Claims up to {@code limit} services due at {@code now} and moves them to their next slot. */
    public Claim claimDue(Instant now, int limit) throws SQLException {
        return claim(CLAIM_DUE, utc(now), limit, now);
    }

    /** Claims up to {@code limit} services with an id above {@code afterServiceId}, due or not (`once --all`). */
    public Claim claimAll(long afterServiceId, Instant now, int limit) throws SQLException {
        return claim(CLAIM_ALL, afterServiceId, limit, now);
    }

    /** Makes services due again at {@code now}: their tasks were claimed but could not be published. */
    public void putBack(Collection<Long> serviceIds, Instant now) throws SQLException {
        if (serviceIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(PUT_BACK)) {
                for (long id : serviceIds) {
                    update.setObject(1, utc(now));
                    update.setLong(2, id);
                    update.addBatch();
                }
                update.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Opens one connection and checks it: the `once` preflight. */
    public void ping(int timeoutSeconds) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(timeoutSeconds)) {
                throw new SQLException("the connection did not answer within " + timeoutSeconds + " s");
            }
        }
    }

    private Claim claim(String select, Object firstParameter, int limit, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> ids = lockSchedules(c, select, firstParameter, limit);
                List<ClaimedService> services = ids.isEmpty() ? List.of() : readServices(c, ids);
                moveToNextSlot(c, services, now);
                c.commit();
                return new Claim(ids, services);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<Long> lockSchedules(Connection c, String select, Object firstParameter, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setObject(1, firstParameter);
            ps.setInt(2, limit);
            List<Long> ids = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private static List<ClaimedService> readServices(Connection c, List<Long> ids) throws SQLException {
        String placeholders = ids.stream().map(id -> "?").collect(Collectors.joining(","));
        Map<Long, ClaimedService> byId = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, target, check_interval_s, pools FROM services WHERE id IN (" + placeholders + ")")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // an interval below 1 s would be a board-web bug; checking every second is the safe reading
                    int interval = Math.max(1, rs.getInt(3));
                    byId.put(
                            rs.getLong(1),
                            new ClaimedService(rs.getLong(1), rs.getString(2), interval, rs.getString(4)));
                }
            }
        }
        List<ClaimedService> inClaimOrder = new ArrayList<>(byId.size());
        for (long id : ids) {
            ClaimedService s = byId.get(id);
            if (s != null) {
                inClaimOrder.add(s);
            }
        }
        return inClaimOrder;
    }

    private static void moveToNextSlot(Connection c, List<ClaimedService> services, Instant now) throws SQLException {
        if (services.isEmpty()) {
            return;
        }
        try (PreparedStatement update = c.prepareStatement(MOVE)) {
            for (ClaimedService s : services) {
                update.setObject(1, utc(Slots.next(s.serviceId(), s.intervalSeconds(), now)));
                update.setObject(2, utc(now));
                update.setLong(3, s.serviceId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
