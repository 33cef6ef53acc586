package org.vigie.board.fleet.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vigie.board.fleet.FleetConfig;
import org.vigie.check.Pools;

/**
 * The pools the checked services name ({@code services.pools}, comma-separated), read again after
 * {@code vigie.fleet.cache-for}. A service without a target is never checked, so it uses no pool.
 */
@ApplicationScoped
public class PoolsInUse {

    private static final Logger LOG = Logger.getLogger(PoolsInUse.class);
    private static final String QUERY = "SELECT DISTINCT pools FROM services WHERE target IS NOT NULL";

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration cacheFor;
    private Set<String> pools = Set.of();
    private Instant readAt;

    PoolsInUse(DataSource dataSource, Clock clock, FleetConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cacheFor = config.cacheFor();
    }

    /** The pools in use; the last ones read when the database cannot be asked. */
    public synchronized Set<String> get() {
        Instant now = clock.instant();
        if (readAt == null || Duration.between(readAt, now).compareTo(cacheFor) >= 0) {
            try {
                pools = read();
                readAt = now;
            } catch (SQLException e) {
                LOG.warnf("cannot read the pools the services use: %s", e.getMessage());
            }
        }
        return pools;
    }

    /** Forgets the last reading: the next {@link #get()} reads again. */
    public synchronized void invalidate() {
        readAt = null;
    }

    private Set<String> read() throws SQLException {
        Set<String> found = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(QUERY)) {
            while (rows.next()) {
                String list = rows.getString(1);
                for (String part : (list == null || list.isBlank() ? Pools.DEFAULT : list).split(",")) {
                    String pool = part.trim().toLowerCase(Locale.ROOT);
                    if (Pools.isValid(pool)) {
                        found.add(pool);
                    }
                }
            }
        }
        return Set.copyOf(found);
    }
}
