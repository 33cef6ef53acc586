package org.vigie.board.admin;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Someone who logs in to /admin. Only a bcrypt hash of the password is kept. */
@Entity
@Table(name = "admin_users")
public class AdminUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String passwordHash;

    public Instant createdAt;

    /** Added to at logout and at each password change: login cookies made with an older one are refused. */
    public long sessionVersion;

    /** What the admin may change (V14: the admins that existed became owners). */
    @Enumerated(EnumType.STRING)
    public AdminRole role = AdminRole.OWNER;

    /** The OpenID Connect provider's subject of an admin who signs in through it (SingleSignOn); null otherwise. */
    public String ssoSubject;

    public static Optional<AdminUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public static Optional<AdminUser> findBySsoSubject(String subject) {
        return find("ssoSubject", subject).firstResultOptional();
    }
}
