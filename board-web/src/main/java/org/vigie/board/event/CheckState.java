package org.vigie.board.event;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the checks have concluded so far for one service: the state the next result is compared with, and what the
 * board shows. A service checked from several pools also has one {@link org.vigie.board.pool.PoolState} per pool; its
 * outcome here is then the quorum's verdict over them ({@link org.vigie.board.pool.Quorum}).
 */
@Entity
@Table(name = "check_states")
public class CheckState extends CheckProgress {

    @Id
    public Long serviceId;
}
