package org.vigie.board.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
 * SecureCookies. A browser session cookie (no Max-Age): the limits are the server's, below. Also the
 * {@code vigie-known} cookie, sealed the same way, that marks a browser an admin logged in from.
 */
@ApplicationScoped
public class AdminSessions {

    public static final String COOKIE = "vigie-admin";
    public static final String KNOWN_COOKIE = "vigie-known";
    /** How long a browser stays known after a login from it. */
    static final Duration KNOWN_FOR = Duration.ofDays(90);

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
        return seal(
                COOKIE,
                String.join(
                        "\n",
                        FORMAT,
                        Long.toString(s.version()),
                        Long.toString(s.loginAt().toEpochMilli()),
                        Long.toString(s.renewedAt().toEpochMilli()),
                        s.csrf(),
                        s.username()));
    }

    /** The session in a cookie value; empty when it was not made with this key, altered, or is not one. */
    public Optional<AdminSession> decode(String value) {
        try {
            return open(COOKIE, value)
                    .map(plain -> plain.split("\n", 6))
                    .filter(parts -> parts.length == 6 && parts[0].equals(FORMAT))
                    .map(parts -> new AdminSession(
                            parts[5],
                            Long.parseLong(parts[1]),
                            Instant.ofEpochMilli(Long.parseLong(parts[2])),
                            Instant.ofEpochMilli(Long.parseLong(parts[3])),
                            parts[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The Set-Cookie header value that marks this browser as one the admin logged in from ({@code vigie-known}, sent
     * to the login form only, for {@link #KNOWN_FOR}). It holds no right: it lets that browser past a lockout of the
     * admin's name (one caused by guesses from elsewhere), not past its address's.
     */
    public String knownBrowserCookie(String username) {
        Instant now = clock.instant();
        return KNOWN_COOKIE + "="
                + seal(KNOWN_COOKIE, FORMAT + "\n" + now.toEpochMilli() + "\n" + username)
                + "; Path=/admin/login; Max-Age=" + KNOWN_FOR.toSeconds() + "; HttpOnly; SameSite=Strict";
    }

    /** The admin a {@code vigie-known} cookie names, while it is valid. */
    public Optional<String> knownBrowser(String value) {
        try {
            return open(KNOWN_COOKIE, value)
                    .map(plain -> plain.split("\n", 3))
                    .filter(parts -> parts.length == 3
                            && parts[0].equals(FORMAT)
                            && clock.instant()
                                    .isBefore(Instant.ofEpochMilli(Long.parseLong(parts[1]))
                                            .plus(KNOWN_FOR)))
                    .map(parts -> parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Encrypted and authenticated for one cookie name: a value cannot be moved to another cookie. */
    private String seal(String cookie, String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(cookie.getBytes(StandardCharsets.US_ASCII));
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

    private Optional<String> open(String cookie, String value) {
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
            cipher.updateAAD(cookie.getBytes(StandardCharsets.US_ASCII));
            return Optional.of(
                    new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // not base64, or a failed tag: made with another key, or altered
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
