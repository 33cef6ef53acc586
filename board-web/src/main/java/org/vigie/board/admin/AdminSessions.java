package org.vigie.board.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login cookie ({@code vigie-admin}): an {@link AdminSession} encrypted and authenticated with AES-GCM under a
 * key derived from {@code quarkus.http.auth.session.encryption-key} (a random one per start when unset: AdminStartup
 * says so). Whoever cannot decrypt it cannot make or change one. HttpOnly, SameSite=Lax (a link from a mail to an
 * admin page keeps the login; a cross-site form post does not carry it), path /admin; Secure is added by
 * SecureCookies. A session cookie (no Max-Age): the limits are the server's, below.
 */
@ApplicationScoped
public class AdminSessions {

    public static final String COOKIE = "vigie-admin";
    private static final String FORMAT = "1";
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminConfig.Session config;
    private final Clock clock;
    private final SecretKey key;

    public AdminSessions(
            AdminConfig config, Clock clock, @ConfigProperty(name = AdminStartup.KEY) Optional<String> encryptionKey) {
        this.config = config.session();
        this.clock = clock;
        this.key = deriveKey(encryptionKey.filter(k -> k.length() >= 16));
    }

    /** A new session: the admin just typed their password. Its CSRF token is new too. */
    public AdminSession start(String username, long version) {
        Instant now = clock.instant();
        return new AdminSession(username, version, now, now, randomToken());
    }

    /** Still valid by its times (the version is checked against the database elsewhere). */
    public boolean current(AdminSession session) {
        Instant now = clock.instant();
        return now.isBefore(session.loginAt().plus(config.maxAge()))
                && now.isBefore(session.renewedAt().plus(config.idleTimeout()));
    }

    /** The same session with its idle time restarted, when it is due; empty when the cookie is fresh enough. */
    public Optional<AdminSession> renewal(AdminSession session) {
        Instant now = clock.instant();
        if (now.isBefore(session.renewedAt().plus(config.renewAfter()))) {
            return Optional.empty();
        }
        return Optional.of(
                new AdminSession(session.username(), session.version(), session.loginAt(), now, session.csrf()));
    }

    /** The Set-Cookie header value that gives the browser this session. */
    public String setCookie(AdminSession session) {
        return COOKIE + "=" + encode(session) + "; Path=/admin; HttpOnly; SameSite=Lax";
    }

    /** The Set-Cookie header value that removes the login cookie. */
    public static String clearCookie() {
        return COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax";
    }

    String encode(AdminSession s) {
        String plain = String.join(
                "\n",
                FORMAT,
                Long.toString(s.version()),
                Long.toString(s.loginAt().toEpochMilli()),
                Long.toString(s.renewedAt().toEpochMilli()),
                s.csrf(),
                s.username());
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(COOKIE.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-GCM", e);
        }
    }

    /** The session in a cookie value; empty when it was not made with this key, altered, or is not one. */
    public Optional<AdminSession> decode(String value) {
        if (value == null || value.isEmpty() || value.length() > 1024) {
            return Optional.empty();
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(value);
            if (all.length <= IV_BYTES + 16) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            cipher.updateAAD(COOKIE.getBytes(StandardCharsets.US_ASCII));
            String plain = new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
            String[] parts = plain.split("\n", 6);
            if (parts.length != 6 || !parts[0].equals(FORMAT)) {
                return Optional.empty();
            }
            return Optional.of(new AdminSession(
                    parts[5],
                    Long.parseLong(parts[1]),
                    Instant.ofEpochMilli(Long.parseLong(parts[2])),
                    Instant.ofEpochMilli(Long.parseLong(parts[3])),
                    parts[4]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // not base64, a number that is not one, a failed tag: no session
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A key of the cookie's own, not Quarkus' form-login one: the two formats never read each other. */
    private static SecretKey deriveKey(Optional<String> configured) {
        byte[] secret;
        if (configured.isPresent()) {
            secret = configured.get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[32];
            RANDOM.nextBytes(secret);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("vigie admin session\n".getBytes(StandardCharsets.US_ASCII));
            return new SecretKeySpec(sha256.digest(secret), "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
