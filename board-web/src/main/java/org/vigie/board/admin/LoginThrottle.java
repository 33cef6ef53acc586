package org.vigie.board.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.netty.util.NetUtil;

/**
 * Failed logins counted per client address and per user name, in memory: after {@code max-failures} within
 * {@code failure-window} from one address, or for one name, the next tries are refused until a lockout ends, which
 * doubles with each lockout in a row up to {@code max-lockout}. A refused try costs no password check.
 *
 * <p>Per board-web instance: behind a balancer with N instances an attacker gets N times the tries, still a handful
 * a minute. A lockout by name is what bounds guessing when the attacker has many addresses; it would lock the real
 * admin out too, but not from a browser they logged in from before (the {@code vigie-known} cookie).
 */
@ApplicationScoped
public class LoginThrottle {

    /** What a login try may do: go on (then say how it ended) or wait. */
    public sealed interface Admission permits Attempt, Refused {}

    /** Refused: try again after this long (the Retry-After). */
    public record Refused(Duration retryAfter) implements Admission {}

    /** An admitted try; exactly one of its three ends must be called. */
    public final class Attempt implements Admission {
        private final String address;
        private final String name;
        private boolean ended;

        private Attempt(String address, String name) {
            this.address = address;
            this.name = name;
        }

        /** Wrong password or unknown name: counts against both the address and the name. */
        public void failed() {
            end(Ending.FAILED);
        }

        /**
         * The right password: the name's failures in the current window are forgotten (not its lockout: from a known
         * browser the admin logs in while others' guesses lock the name); the address's remain (they expire).
         */
        public void succeeded() {
            end(Ending.SUCCEEDED);
        }

        /** Not checked after all (no thread free, an error): counts for nothing. */
        public void cancelled() {
            end(Ending.CANCELLED);
        }

        private void end(Ending ending) {
            synchronized (LoginThrottle.this) {
                if (ended) {
                    return;
                }
                ended = true;
                Instant now = clock.instant();
                addresses.end(address, ending, now);
                names.end(name, ending, now);
            }
        }
    }

    private enum Ending {
        FAILED,
        SUCCEEDED,
        CANCELLED
    }

    private final AdminConfig.Login config;
    private final Clock clock;
    private final Keys addresses;
    private final Keys names;

    @Inject
    public LoginThrottle(AdminConfig config, Clock clock) {
        this(config.login(), clock);
    }

    /** A throttle of its own with these limits (the visitors' subscribe form counts its tries with one). */
    public LoginThrottle(AdminConfig.Login config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.addresses = new Keys();
        this.names = new Keys();
    }

    /**
     * A try from this client address for this name: admitted (and counted as running until it ends) or refused.
     * Both keys are checked before either is counted.
     */
    public Admission admit(String clientAddress, String username) {
        return admit(clientAddress, username, false);
    }

    /**
     * As {@link #admit(String, String)}; from a browser the admin logged in from before ({@code knownBrowser}), a
     * lockout of the name does not apply (only the address's): guesses from elsewhere cannot lock the admin out of
     * their own browser. Its failures still count against the name.
     */
    public synchronized Admission admit(String clientAddress, String username, boolean knownBrowser) {
        Instant now = clock.instant();
        String address = addressKey(clientAddress);
        String name = nameKey(username);
        Duration wait = longer(addresses.wait(address, now), knownBrowser ? null : names.wait(name, now));
        if (wait != null) {
            return new Refused(wait);
        }
        addresses.start(address, now);
        names.start(name, now);
        return new Attempt(address, name);
    }

    /** Forgets every count (tests start from a clean state). */
    public synchronized void clear() {
        addresses.entries.clear();
        names.entries.clear();
    }

    synchronized int tracked() {
        return Math.max(addresses.entries.size(), names.entries.size());
    }

    /**
     * IPv4 as is; IPv6 by its /64, which one subscriber usually holds whole; anything else (a forwarded header's
     * value that is not an address) as given, cut short.
     */
    static String addressKey(String address) {
        if (address == null || address.isBlank()) {
            return "?";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(a);
        if (bytes == null) {
            return a.length() > 64 ? a.substring(0, 64) : a;
        }
        if (bytes.length == 16) {
            if (ipv4Mapped(bytes)) {
                return NetUtil.bytesToIpAddress(Arrays.copyOfRange(bytes, 12, 16));
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return NetUtil.bytesToIpAddress(bytes) + "/64";
        }
        return NetUtil.bytesToIpAddress(bytes);
    }

    private static boolean ipv4Mapped(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
    }

    /** Names are looked up case-insensitively (the column's collation): Admin and admin are one name. */
    static String nameKey(String username) {
        String n = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return n.length() > 65 ? n.substring(0, 65) : n; // no longer name exists: the rest does not matter
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** One address or one name. */
    private static final class Entry {
        int running;
        int failures;
        Instant windowStart;
        int lockouts;
        Instant lockedUntil;
        Instant lastFailure;
    }

    /** The entries of one kind, least recently failed first. Guarded by the throttle's lock. */
    private final class Keys {
        final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

        /** How long a try must wait, or null when it may go. */
        Duration wait(String key, Instant now) {
            Entry e = entries.get(key);
            if (e == null) {
                return null;
            }
            expire(e, now);
            if (e.lockedUntil != null && now.isBefore(e.lockedUntil)) {
                return roundUp(Duration.between(now, e.lockedUntil));
            }
            if (e.failures + e.running >= config.maxFailures()) {
                // tries still running may fill the count: wait for the window (or for them to fail and lock)
                Instant windowEnd = e.windowStart == null ? now : e.windowStart.plus(config.failureWindow());
                return roundUp(Duration.between(now, windowEnd));
            }
            return null;
        }

        void start(String key, Instant now) {
            Entry e = entries.get(key);
            if (e == null) {
                makeRoom(now);
                e = new Entry();
                entries.put(key, e);
            }
            e.running++;
        }

        void end(String key, Ending ending, Instant now) {
            Entry e = entries.get(key);
            if (e == null) {
                return; // dropped meanwhile (cleared, or evicted when full)
            }
            e.running = Math.max(0, e.running - 1);
            expire(e, now);
            switch (ending) {
                case CANCELLED -> {}
                case SUCCEEDED -> {
                    if (this == names) {
                        // the failures before were likely the admin's typos; a lockout stays (others' guesses)
                        e.failures = 0;
                        e.windowStart = null;
                    }
                }
                case FAILED -> {
                    if (e.windowStart == null) {
                        e.windowStart = now;
                    }
                    e.failures++;
                    e.lastFailure = now;
                    if (e.failures >= config.maxFailures()) {
                        e.lockouts++;
                        e.lockedUntil = now.plus(lockout(e.lockouts));
                        e.failures = 0;
                        e.windowStart = null;
                    }
                    entries.remove(key); // to the end: the most recently failed
                    entries.put(key, e);
                }
            }
        }

        /** Ends a passed window, and forgets past lockouts after a quiet spell as long as the longest lockout. */
        private void expire(Entry e, Instant now) {
            if (e.windowStart != null && !now.isBefore(e.windowStart.plus(config.failureWindow()))) {
                e.failures = 0;
                e.windowStart = null;
            }
            if (e.lockedUntil != null && !now.isBefore(e.lockedUntil.plus(config.maxLockout()))) {
                e.lockouts = 0;
                e.lockedUntil = null;
            }
        }

        private boolean idle(Entry e, Instant now) {
            expire(e, now);
            return e.running == 0 && e.failures == 0 && e.lockedUntil == null;
        }

        /** At the cap: drops every entry with nothing left to count, else the least recently failed. */
        private void makeRoom(Instant now) {
            if (entries.size() < config.maxTracked()) {
                return;
            }
            entries.values().removeIf(e -> idle(e, now));
            Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
            while (entries.size() >= config.maxTracked() && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }

        private Duration lockout(int lockouts) {
            Duration first = config.lockout();
            Duration max = config.maxLockout();
            Duration d = first;
            for (int i = 1; i < lockouts && d.compareTo(max) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    /** Whole seconds, at least one: what Retry-After can say. */
    private static Duration roundUp(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
