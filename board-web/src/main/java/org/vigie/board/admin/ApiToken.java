package org.vigie.board.admin;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A bearer token for the admin API. The token itself is shown once; only its SHA-256 is kept. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** What the admin called it: which client uses it. */
    public String name;

    /** Hex SHA-256 of the token. */
    public String tokenHash;

    /** The token's first characters, so admins can tell tokens apart. */
    public String tokenPrefix;

    public Instant createdAt;

    public Instant lastUsedAt;

    public Instant revokedAt;

    /** What the token may change, as for an admin (V14: the tokens that existed became owners). */
    @Enumerated(EnumType.STRING)
    public AdminRole role = AdminRole.OWNER;

    public boolean revoked() {
        return revokedAt != null;
    }
}
