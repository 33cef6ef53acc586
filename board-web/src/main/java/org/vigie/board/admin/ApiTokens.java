package org.vigie.board.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.vigie.board.web.Inputs;

import io.quarkus.panache.common.Sort;

/**
 * Bearer tokens for the admin API: {@code vigie_} and 32 random bytes (base64url). Only the SHA-256 is stored, so
 * a token is looked up by its hash (a leaked table does not leak tokens) and shown once, at creation.
 */
@ApplicationScoped
public class ApiTokens {

    static final String PREFIX = "vigie_";
    /** last_used_at is written at most this often per token: a busy client does not write on every call. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public ApiTokens(Clock clock) {
        this.clock = clock;
    }

    /** A token just created: {@code token} is the only time the secret is available. */
    public record Created(ApiToken row, String token) {}

    /** An owner's token. */
    public Created create(String name) {
        return create(name, AdminRole.OWNER.label());
    }

    /** @param role owner, editor or viewer: what the token may change */
    @Transactional
    public Created create(String name, String role) {
        Inputs inputs = new Inputs();
        String label = inputs.required("name", name, 100, ": say which client uses the token");
        Optional<AdminRole> parsed = AdminRole.parse(role);
        if (parsed.isEmpty()) {
            inputs.error("role", AdminRole.RULE);
        }
        inputs.throwIfAny();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken row = new ApiToken();
        row.name = label;
        row.tokenHash = sha256(token);
        row.tokenPrefix = token.substring(0, 12);
        row.createdAt = clock.instant();
        row.role = parsed.get();
        row.persist();
        return new Created(row, token);
    }

    @Transactional
    public List<ApiToken> list() {
        return ApiToken.listAll(
                Sort.by("revokedAt", Sort.Direction.Descending).and("createdAt", Sort.Direction.Descending));
    }

    /** @return false when there is no such token */
    @Transactional
    public boolean revoke(long id) {
        ApiToken row = ApiToken.findById(id);
        if (row == null) {
            return false;
        }
        if (row.revokedAt == null) {
            row.revokedAt = clock.instant();
        }
        return true;
    }

    /** What a presented token is: unknown, revoked, or valid (then its last use is recorded). */
    public enum Check {
        UNKNOWN,
        REVOKED,
        VALID
    }

    /** A presented token's check; a valid one's name and role say who acts, and with what rights. */
    public record Checked(Check check, String name, AdminRole role) {
        static final Checked UNKNOWN = new Checked(Check.UNKNOWN, null, null);
        static final Checked REVOKED = new Checked(Check.REVOKED, null, null);
    }

    @Transactional
    public Checked check(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Checked.UNKNOWN;
        }
        Optional<ApiToken> row = ApiToken.find("tokenHash", sha256(token)).firstResultOptional();
        if (row.isEmpty()) {
            return Checked.UNKNOWN;
        }
        ApiToken t = row.get();
        if (t.revokedAt != null) {
            return Checked.REVOKED;
        }
        Instant now = clock.instant();
        if (t.lastUsedAt == null || t.lastUsedAt.isBefore(now.minus(LAST_USED_PRECISION))) {
            t.lastUsedAt = now;
        }
        return new Checked(Check.VALID, t.name, t.role);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
