package org.vigie.board.pool;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.vigie.board.event.CheckProgress;
import org.vigie.check.Outcome;

/**
 * What one pool's checks say of a service checked from several pools: its own debounced outcome and last result. The
 * service's {@link org.vigie.board.event.CheckState} shows the {@link Quorum}'s verdict over these rows.
 */
@Entity
@Table(name = "pool_states")
@IdClass(PoolState.Key.class)
public class PoolState extends CheckProgress {

    @Id
    public Long serviceId;

    @Id
    public String pool;

    /** The composite key. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        public Long serviceId;
        public String pool;

        public Key() {}

        public Key(Long serviceId, String pool) {
            this.serviceId = serviceId;
            this.pool = pool;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(serviceId, k.serviceId) && Objects.equals(pool, k.pool);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serviceId, pool);
        }
    }

    /** A pool that has sent no result yet: assumed up until told otherwise, as a service's first state is. */
    public static PoolState initial(long serviceId, String pool) {
        PoolState state = new PoolState();
        state.serviceId = serviceId;
        state.pool = pool;
        state.outcome = Outcome.UP;
        return state;
    }

    /** The pool states of these services, locked for update in key order (after their check states). */
    public static List<PoolState> lockFor(Collection<Long> serviceIds) {
        return PoolState.<PoolState>find("serviceId in ?1 order by serviceId, pool", serviceIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The pool states of a service, in pool order, for reading. */
    public static List<PoolState> of(long serviceId) {
        return PoolState.<PoolState>find("serviceId = ?1 order by pool", serviceId)
                .list();
    }
}
