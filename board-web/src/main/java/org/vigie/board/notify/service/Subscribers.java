package org.vigie.board.notify.service;

import java.util.List;

import org.vigie.board.notify.NoticeKind;

/**
 * The board's visitors subscribed to its news (package subscribe), reached through this outbox like a channel: the
 * outbox asks who wants a notice and writes one notification each; the deliverer asks what to send to each.
 */
public interface Subscribers {

    /**
     * The subscriptions that want a notice of this kind about these services (empty: about no service in
     * particular). Called in the event's transaction.
     */
    List<Long> wanting(NoticeKind kind, List<String> serviceSlugs);

    /**
     * What to send one subscriber, in the deliverer's transaction: a request or a mail (exactly one). Throws, saying
     * why, when it cannot be sent: the notification then fails without a try.
     */
    Message render(long subscriptionId, Notice notice, long notificationId);

    /** A request (a webhook) or a mail. */
    record Message(Payloads.Request request, Payloads.Mail mail) {}
}
