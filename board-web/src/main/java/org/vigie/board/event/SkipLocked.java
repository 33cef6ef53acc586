package org.vigie.board.event;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * How the sweeps several board-webs run at once share their work: each locks the rows it is about to act on with
 * {@code FOR UPDATE SKIP LOCKED}, in id order, and acts only on those it got; the rows another transaction holds are
 * that transaction's.
 */
public final class SkipLocked {

    private SkipLocked() {}

    /**
     * The ids among {@code ids} whose row of {@code table} no other transaction holds, now locked by the caller's
     * transaction, in id order. {@code table} and {@code idColumn} are the caller's constants, never input.
     */
    public static List<Long> lock(EntityManager em, String table, String idColumn, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            String marks = String.join(", ", ids.stream().map(id -> "?").toList());
            List<Long> locked = new ArrayList<>();
            try (PreparedStatement lock = connection.prepareStatement("select " + idColumn + " from " + table
                    + " where " + idColumn + " in (" + marks + ") order by " + idColumn + " for update skip locked")) {
                int i = 1;
                for (Long id : ids) {
                    lock.setLong(i++, id);
                }
                try (ResultSet rs = lock.executeQuery()) {
                    while (rs.next()) {
                        locked.add(rs.getLong(1));
                    }
                }
            }
            return locked;
        });
    }
}
