package org.vigie.board.audit;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Sort;

/** Writes and pages the audit log, newest first. */
@ApplicationScoped
public class AuditLog {

    public static final int PAGE = 50;
    public static final int MAX_PAGE = 200;

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** What a change was; its time is now. */
    public record Change(
            String actor, String actorKind, String action, String entityType, String entityId, String summary) {}

    @Transactional
    public AuditEntry record(Change change) {
        AuditEntry e = new AuditEntry();
        e.at = clock.instant();
        e.actor = cut(change.actor(), 120);
        e.actorKind = change.actorKind();
        e.action = cut(change.action(), 40);
        e.entityType = cut(change.entityType(), 40);
        e.entityId = change.entityId() == null ? null : cut(change.entityId(), 200);
        e.summary = cut(change.summary(), AuditEntry.SUMMARY_MAX);
        e.persist();
        return e;
    }

    /** A page of entries, newest first: those older than {@code before} (an entry's id) when given. */
    @Transactional
    public List<AuditEntry> page(Long before, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        var query = before == null
                ? AuditEntry.<AuditEntry>findAll(Sort.descending("id"))
                : AuditEntry.<AuditEntry>find("id < ?1", Sort.descending("id"), before);
        return query.page(0, size).list();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
