package org.vigie.board.notify.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.vigie.board.notify.NotifyConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;

/**
 * Encrypts channels' secrets with AES-256-GCM under {@code vigie.notify.secret-key}: a fresh 12-byte nonce each time,
 * stored before the ciphertext. In production board-web does not start without a key of its own (not the dev or
 * test one), with one line saying so.
 */
@ApplicationScoped
public class SecretBox {

    /** The dev and test profiles' keys (application.properties): never a production key. */
    static final List<String> PUBLIC_KEYS =
            List.of("ZGV2LW9ubHkgbm90aWZ5IGtleSwgbm90IHByb2QhISE=", "dGVzdC1vbmx5IG5vdGlmeSBrZXksIG5vdCBwcm9kISE=");

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    @Inject
    public SecretBox(NotifyConfig config) {
        this(config.secretKey());
    }

    SecretBox(Optional<String> key) {
        this.key = key.map(SecretBox::key).orElse(null);
    }

    void atStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event) {
        boolean prod = ConfigProvider.getConfig()
                .unwrap(SmallRyeConfig.class)
                .getProfiles()
                .contains("prod");
        String value = ConfigProvider.getConfig()
                .getOptionalValue("vigie.notify.secret-key", String.class)
                .orElse("");
        problem(prod, value).ifPresent(line -> {
            throw new ConfigurationException(line);
        });
    }

    /** The line board-web stops with in production when the key is missing or public; none in dev and test. */
    static Optional<String> problem(boolean prod, String value) {
        String where = "vigie.notify.secret-key (env VIGIE_NOTIFY_SECRET_KEY)";
        if (!prod) {
            return Optional.empty();
        }
        if (value == null || value.isBlank()) {
            return Optional.of("vigie: not starting: " + where + " is not set; production needs a key of your own"
                    + " there: openssl rand -base64 32 (docs/notifications.md)");
        }
        if (PUBLIC_KEYS.contains(value.trim())) {
            return Optional.of("vigie: not starting: " + where + " is the dev or test key; production needs a key of"
                    + " your own there: openssl rand -base64 32 (docs/notifications.md)");
        }
        return Optional.empty();
    }

    private static SecretKeySpec key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("vigie: not starting: vigie.notify.secret-key is not base64");
        }
        if (bytes.length != 32) {
            throw new ConfigurationException("vigie: not starting: vigie.notify.secret-key must be 32 bytes in base64"
                    + " (openssl rand -base64 32), it is " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public String encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a channel's secrets", e);
        }
    }

    public String decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a channel's secrets cannot be read with vigie.notify.secret-key (was the key changed?)", e);
        }
    }

    private SecretKeySpec key() {
        if (key == null) {
            throw new IllegalStateException("vigie.notify.secret-key is not set: channels' secrets cannot be stored");
        }
        return key;
    }
}
