package org.vigie.board.notify.service;

import static org.vigie.board.notify.service.Deliverer.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.notify.NotifyConfig;

/**
 * The per-channel rate limit, kept in the database so that all board-webs together respect it: a channel allowed N
 * deliveries a minute has N slots ({@code notification_slots}), each holding when it was last used. A claim takes the
 * slots unused for a minute with {@code FOR UPDATE SKIP LOCKED}, in the claim's own transaction, and marks them used:
 * two deliverers claiming at once take different slots, never more than N in any minute.
 */
@ApplicationScoped
public class RateSlots {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private static final String RATE = "SELECT rate_per_minute FROM notification_channels WHERE id = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM notification_slots WHERE channel_id = ? AND slot < ?";
    private static final String ADD =
            "INSERT IGNORE INTO notification_slots (channel_id, slot, used_at) VALUES (?, ?, ?)";
    private static final String FREE = "SELECT slot FROM notification_slots"
            + " WHERE channel_id = ? AND slot < ? AND used_at <= ? ORDER BY used_at, slot LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String USE = "UPDATE notification_slots SET used_at = ? WHERE channel_id = ? AND slot = ?";
    private static final String OLDEST =
            "SELECT MIN(used_at) FROM notification_slots WHERE channel_id = ? AND slot < ?";

    private final NotifyConfig config;

    public RateSlots(NotifyConfig config) {
        this.config = config;
    }

    /**
     * What a claim may send of one channel's due notifications: how many, and when the channel has a slot again for
     * the rest.
     */
    record Grant(int granted, Instant nextFree) {}

    /** Takes up to {@code wanted} of the channel's free slots at {@code now}, in the caller's transaction. */
    Grant take(Connection c, long channelId, int wanted, Instant now) throws SQLException {
        int rate = rate(c, channelId);
        ensureSlots(c, channelId, rate);
        List<Integer> free = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(FREE)) {
            select.setLong(1, channelId);
            select.setInt(2, rate);
            select.setObject(3, utc(now.minus(WINDOW)));
            select.setInt(4, wanted);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    free.add(rows.getInt(1));
                }
            }
        }
        if (!free.isEmpty()) {
            try (PreparedStatement use = c.prepareStatement(USE)) {
                for (int slot : free) {
                    use.setObject(1, utc(now));
                    use.setLong(2, channelId);
                    use.setInt(3, slot);
                    use.addBatch();
                }
                use.executeBatch();
            }
        }
        Instant nextFree = now.plusSeconds(1); // slots another deliverer holds right now: try again next pass
        if (free.size() < wanted) {
            try (PreparedStatement oldest = c.prepareStatement(OLDEST)) {
                oldest.setLong(1, channelId);
                oldest.setInt(2, rate);
                try (ResultSet row = oldest.executeQuery()) {
                    LocalDateTime t = row.next() ? row.getObject(1, LocalDateTime.class) : null;
                    if (t != null) {
                        Instant at = t.toInstant(ZoneOffset.UTC).plus(WINDOW);
                        if (at.isAfter(nextFree)) {
                            nextFree = at;
                        }
                    }
                }
            }
        }
        return new Grant(free.size(), nextFree);
    }

    /** The channel's own rate, or the board's. */
    private int rate(Connection c, long channelId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(RATE)) {
            select.setLong(1, channelId);
            try (ResultSet row = select.executeQuery()) {
                int own = row.next() ? row.getInt(1) : 0;
                return own > 0 ? own : Math.max(1, config.ratePerMinute());
            }
        }
    }

    /**
     * Makes the channel's slots when it has fewer than its rate (its first delivery, or a raised rate). A plain read
     * first: inserting rows that exist would lock them shared and make a concurrent claim skip them.
     */
    private static void ensureSlots(Connection c, long channelId, int rate) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(COUNT)) {
            count.setLong(1, channelId);
            count.setInt(2, rate);
            try (ResultSet row = count.executeQuery()) {
                if (row.next() && row.getInt(1) >= rate) {
                    return;
                }
            }
        }
        try (PreparedStatement add = c.prepareStatement(ADD)) {
            for (int slot = 0; slot < rate; slot++) {
                add.setLong(1, channelId);
                add.setInt(2, slot);
                add.setObject(3, utc(Instant.EPOCH));
                add.addBatch();
            }
            add.executeBatch();
        }
    }
}
