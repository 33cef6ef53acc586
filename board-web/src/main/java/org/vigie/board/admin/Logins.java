package org.vigie.board.admin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vigie.board.admin.AdminUsers.Credentials;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Password checks, for logging in and for changing a password: throttled (LoginThrottle), then run on the
 * password-checking threads (PasswordChecks), which read the admin's row in a short transaction and check the
 * password after the connection is back in the pool. Counted in {@code vigie_admin_logins_total{outcome}}.
 */
@ApplicationScoped
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class);

    /** When no thread is free, the client may try again this soon. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    /**
     * Compared against when the user does not exist, so a wrong name costs as long as a wrong password. Made on
     * first use, on a checking thread (making it takes as long as a check).
     */
    private static final class Dummy {
        static final String HASH = BcryptUtil.bcryptHash("no such user: keep the timing", AdminUsers.BCRYPT_COST);
    }

    /** How a password check ended. */
    public sealed interface Outcome permits Accepted, Wrong, Throttled, Busy {}

    /** The password was right: the new session (for a password change, with the new session version). */
    public record Accepted(AdminSession session) implements Outcome {}

    /** Wrong name or password. */
    public record Wrong() implements Outcome {}

    /** Too many failures from this address or for this name: try again after this long. */
    public record Throttled(Duration retryAfter) implements Outcome {}

    /** Every checking thread busy and the queue full. */
    public record Busy(Duration retryAfter) implements Outcome {}

    private final LoginThrottle throttle;
    private final PasswordChecks checks;
    private final AdminUsers users;
    private final AdminSessions sessions;
    private final MeterRegistry registry;

    public Logins(
            LoginThrottle throttle,
            PasswordChecks checks,
            AdminUsers users,
            AdminSessions sessions,
            MeterRegistry registry) {
        this.throttle = throttle;
        this.checks = checks;
        this.users = users;
        this.sessions = sessions;
        this.registry = registry;
    }

    /**
     * A login from the form; {@code knownBrowser}: the browser has logged in as this name before (a lockout of the
     * name does not apply to it).
     */
    public CompletionStage<Outcome> logIn(
            String clientAddress, String username, String password, boolean knownBrowser) {
        return checked(
                clientAddress,
                username,
                knownBrowser,
                "login",
                () -> verify(username, password).map(c -> sessions.start(c.username(), c.sessionVersion())));
    }

    /**
     * A logged-in admin's new password, given the current one (throttled as a login: a stolen session must not
     * become a way to guess the password). Every session of the admin ends; the one returned replaces the caller's.
     */
    public CompletionStage<Outcome> changePassword(
            String clientAddress, String username, String currentPassword, String newPassword) {
        return checked(
                clientAddress,
                username,
                false,
                "password-change",
                () -> verify(username, currentPassword).map(c -> {
                    String hash = AdminUsers.hash(newPassword);
                    long version = users.setPasswordHash(c.username(), hash);
                    LOG.infof("Admin %s changed their password; their other sessions are ended", c.username());
                    return sessions.start(c.username(), version);
                }));
    }

    /** On a checking thread: the row read in its own short transaction, then bcrypt with no connection held. */
    private Optional<Credentials> verify(String username, String password) {
        Optional<Credentials> user = users.credentials(username);
        String hash = user.map(Credentials::passwordHash).orElseGet(() -> Dummy.HASH);
        boolean matches = password != null && BcryptUtil.matches(password, hash);
        return matches ? user : Optional.empty();
    }

    private CompletionStage<Outcome> checked(
            String clientAddress,
            String username,
            boolean knownBrowser,
            String what,
            Supplier<Optional<AdminSession>> work) {
        LoginThrottle.Admission admission = throttle.admit(clientAddress, username, knownBrowser);
        if (admission instanceof LoginThrottle.Refused refused) {
            count(what, "throttled");
            return CompletableFuture.completedFuture(new Throttled(refused.retryAfter()));
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
        return checks.run(work).handle((session, error) -> {
            if (error != null) {
                attempt.cancelled();
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof PasswordChecks.Busy) {
                    count(what, "busy");
                    return new Busy(BUSY_RETRY);
                }
                count(what, "error");
                throw error instanceof CompletionException c ? c : new CompletionException(error);
            }
            if (session.isEmpty()) {
                attempt.failed();
                count(what, "wrong");
                return new Wrong();
            }
            attempt.succeeded();
            count(what, "accepted");
            return new Accepted(session.get());
        });
    }

    private void count(String what, String outcome) {
        registry.counter("vigie.admin.logins", "kind", what, "outcome", outcome).increment();
    }
}
