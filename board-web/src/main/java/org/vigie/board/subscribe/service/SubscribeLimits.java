package org.vigie.board.subscribe.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.board.admin.AdminConfig;
import org.vigie.board.admin.LoginThrottle;
import org.vigie.board.subscribe.SubscribeConfig;

/**
 * The subscribe form's rate limit: the login's throttle (per client address and per name, lockouts doubling, memory
 * bounded, IPv6 by /64) with limits of its own, where every try counts, not only failed ones, and the "name" is the
 * email address or URL. Per board-web, in memory, as the login's.
 */
@ApplicationScoped
public class SubscribeLimits {

    private final LoginThrottle throttle;

    public SubscribeLimits(SubscribeConfig config, Clock clock) {
        SubscribeConfig.Limit limit = config.limit();
        this.throttle = new LoginThrottle(
                new AdminConfig.Login() {
                    @Override
                    public int maxFailures() {
                        return limit.maxTries();
                    }

                    @Override
                    public Duration failureWindow() {
                        return limit.window();
                    }

                    @Override
                    public Duration lockout() {
                        return limit.lockout();
                    }

                    @Override
                    public Duration maxLockout() {
                        return limit.maxLockout();
                    }

                    @Override
                    public int maxTracked() {
                        return limit.maxTracked();
                    }

                    @Override
                    public int checkThreads() {
                        return 1; // no password is checked here
                    }

                    @Override
                    public int checkQueue() {
                        return 0;
                    }
                },
                clock);
    }

    /** Counts one try from this client for this address; empty when it may go, else how long to wait. */
    public Optional<Duration> take(String clientAddress, String address) {
        LoginThrottle.Admission admission = throttle.admit(clientAddress, key(address));
        if (admission instanceof LoginThrottle.Refused refused) {
            return Optional.of(refused.retryAfter());
        }
        ((LoginThrottle.Attempt) admission).failed(); // every try counts
        return Optional.empty();
    }

    /**
     * An address as the throttle counts it: its SHA-256, whole (the throttle keeps 65 characters of a name, and long
     * URLs of one provider share more than that) and not the address itself, which memory need not hold.
     */
    static String key(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(a.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every count (tests start from a clean state). */
    public void clear() {
        throttle.clear();
    }
}
