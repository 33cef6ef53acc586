package org.vigie.board.notify.service;

import org.vigie.board.notify.NoticeKind;

/**
 * What one notification says, fixed when it is written (the outbox's {@code message}, as JSON) and rendered for each
 * channel at delivery: a service's status change, an incident's update, or a test. Fields that do not apply are null.
 *
 * @param title one line, in the board's language ("shop is down")
 * @param text the details: the check's reason, the incident update's words
 * @param link the service's or incident's page on the public board; null without {@code vigie.board.public-url}
 * @param at when it happened (ISO-8601 UTC)
 * @param outageSeconds for a service back Up (or still Down), how long the outage lasted so far
 * @param reminder a reminder that the service is still Down
 */
public record Notice(
        NoticeKind kind,
        String title,
        String text,
        String link,
        String at,
        String serviceSlug,
        String serviceName,
        String status,
        Long outageSeconds,
        Long incidentId,
        String incidentTitle,
        String incidentState,
        String incidentImpact,
        boolean reminder) {

    /** A notice about no service nor incident: a test, a visitor's confirmation. */
    public static Notice plain(NoticeKind kind, String title, String text, String link, String at) {
        return new Notice(kind, title, text, link, at, null, null, null, null, null, null, null, null, false);
    }

    /** A notice about a service, with its current status. */
    public static Notice ofService(
            NoticeKind kind,
            String title,
            String text,
            String link,
            String at,
            String slug,
            String name,
            String status,
            Long outageSeconds,
            boolean reminder) {
        return new Notice(
                kind, title, text, link, at, slug, name, status, outageSeconds, null, null, null, null, reminder);
    }
}
