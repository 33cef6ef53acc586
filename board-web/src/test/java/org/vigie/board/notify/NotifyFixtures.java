package org.vigie.board.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The notifications' tables, emptied between tests. */
@ApplicationScoped
public class NotifyFixtures {

    private final EntityManager em;

    public NotifyFixtures(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public void clear() {
        em.createNativeQuery("delete from notification_channels").executeUpdate(); // with their notifications
    }

    @Transactional
    public long count(String state) {
        return Notification.count("state", DeliveryState.valueOf(state));
    }

    @Transactional
    public long count() {
        return Notification.count();
    }

    @Transactional
    public String storedSecrets(long channelId) {
        return Channel.<Channel>findById(channelId).secrets;
    }
}
