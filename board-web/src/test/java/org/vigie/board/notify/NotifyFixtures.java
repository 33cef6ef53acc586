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

    /** The kinds of the notifications written, oldest first, with the title each says. */
    @Transactional
    public java.util.List<String> written() {
        return Notification.<Notification>list("order by id").stream()
                .map(n -> n.kind.slug() + " " + n.channel.name + ": "
                        + io.restassured.path.json.JsonPath.from(n.message).getString("title"))
                .toList();
    }

    /** The notifications' notices as JSON, oldest first. */
    @Transactional
    public java.util.List<String> messages() {
        return Notification.<Notification>list("order by id").stream()
                .map(n -> n.message)
                .toList();
    }

    /** As a minute later for the rate limit: the channels' slots used a minute earlier, the throttled ones due. */
    @Transactional
    public void minuteLater() {
        em.createNativeQuery("update notification_slots set used_at = used_at - interval 61 second")
                .executeUpdate();
        em.createNativeQuery("update notifications set next_attempt_at = utc_timestamp(3) where state = 'THROTTLED'")
                .executeUpdate();
    }

    /** Moves every notification's writing back in time. */
    @Transactional
    public void backdate(java.time.Duration by) {
        em.createNativeQuery(
                        "update notifications set created_at = created_at - interval " + by.toSeconds() + " second")
                .executeUpdate();
    }

    @Transactional
    public String storedSecrets(long channelId) {
        return Channel.<Channel>findById(channelId).secrets;
    }
}
