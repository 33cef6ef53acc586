package org.vigie.board.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change an admin or an API token made: who, what, when (AuditRecorder writes it). */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    public static final int SUMMARY_MAX = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    /** The admin's username, or the token's name. */
    public String actor;

    /** ADMIN or TOKEN (AdminActor.Kind). */
    public String actorKind;

    /** create, update, delete, or the route's own word: revoke, role, check-now, events, resolve, ... */
    public String action;

    /** The area changed, as the admin paths name it: services, incidents, settings, admins, tokens, ... */
    public String entityType;

    /** The id or slug of what was changed, when the change names one. */
    public String entityId;

    public String summary;
}
