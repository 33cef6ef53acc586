package org.vigie.board.notify.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.vigie.board.notify.Channel;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.notify.NotifyConfig;
import org.vigie.board.service.Service;
import org.vigie.check.CheckResult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Certificate expiry warnings, from the {@code certificate-expiry} evidence https and tls checks carry: when a
 * service's certificate expires within one of {@code vigie.notify.certificate-warning-days}, each channel wanting
 * {@code certificate-expiring} is told once per threshold and certificate. The row of {@code certificate_warnings}
 * (service, expiry instant, threshold) makes it once whichever board-web stores the result, and a renewed certificate
 * (another expiry) start over. Run in the transaction that stores a batch of results: a result without the evidence
 * costs a map look-up, one whose warning this board-web already noted a string comparison; only a threshold not yet
 * noted here reaches the database.
 */
@ApplicationScoped
public class CertificateWarnings {

    /** The evidence key the workers' certificate checks write (docs/probes.md). */
    static final String EVIDENCE = "certificate-expiry";

    private static final String NOTE =
            "INSERT IGNORE INTO certificate_warnings (service_id, expires_at, days, created_at)"
                    + " VALUES (?1, ?2, ?3, ?4)";

    private final List<Integer> thresholds;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final Counter lookups;

    /** Per service, the warning (certificate and threshold) this board-web knows is written: skipped, no query. */
    private final Map<Long, Crossing> noted = new ConcurrentHashMap<>();

    public CertificateWarnings(
            NotifyConfig config,
            Outbox outbox,
            EntityManager em,
            Clock clock,
            TransactionSynchronizationRegistry transactions,
            MeterRegistry registry) {
        this.thresholds = config.certificateWarningDays().stream()
                .filter(d -> d > 0)
                .sorted()
                .distinct()
                .toList();
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
        this.transactions = transactions;
        this.lookups = registry.counter("vigie.notify.certificate.lookups");
    }

    /** A certificate within a threshold: its evidence as sent, its expiry, the threshold, the time left. */
    private record Crossing(long serviceId, String evidence, Instant expiry, int days, long leftMillis) {}

    /** Writes the warnings these stored results call for, in the caller's transaction. */
    public void note(Collection<CheckResult> results) {
        Map<Long, Crossing> crossings = null;
        for (CheckResult r : results) {
            String expiry = r.evidence().get(EVIDENCE);
            if (expiry == null) {
                continue;
            }
            Crossing known = noted.get(r.serviceId());
            // the same certificate as noted is not parsed again: the hot path's common case is a compare
            Instant notAfter = known != null && known.evidence.equals(expiry) ? known.expiry : parse(expiry);
            if (notAfter == null) {
                continue;
            }
            long left = notAfter.toEpochMilli() - r.finishedAt().toEpochMilli();
            int days = threshold(left);
            if (days == 0 || (known != null && known.expiry.equals(notAfter) && known.days == days)) {
                continue;
            }
            Crossing c = new Crossing(r.serviceId(), expiry, notAfter, days, left);
            if (crossings == null) {
                crossings = new LinkedHashMap<>();
            }
            crossings.put(r.serviceId(), c); // a batch's later result of the same service wins
        }
        if (crossings != null) {
            write(crossings.values());
        }
    }

    private static Instant parse(String expiry) {
        try {
            return Instant.parse(expiry);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The smallest threshold (days) a certificate with {@code leftMillis} to live is within; 0 when none. */
    private int threshold(long leftMillis) {
        if (leftMillis <= 0) {
            return 0; // expired: the check says Down, and its channels hear that
        }
        for (int days : thresholds) {
            if (leftMillis <= days * 86_400_000L) {
                return days;
            }
        }
        return 0;
    }

    private void write(Collection<Crossing> crossings) {
        List<Channel> channels = null;
        for (Crossing c : crossings) {
            lookups.increment();
            int inserted = em.createNativeQuery(NOTE)
                    .setParameter(1, c.serviceId)
                    .setParameter(2, c.expiry)
                    .setParameter(3, c.days)
                    .setParameter(4, clock.instant())
                    .executeUpdate();
            if (inserted == 1) {
                if (channels == null) {
                    channels = Channel.enabledOnes().stream()
                            .filter(ch -> ch.wants(NoticeKind.CERTIFICATE_EXPIRING))
                            .toList();
                }
                Service service = Service.findById(c.serviceId);
                String group = service.group == null ? null : service.group.slug;
                List<Channel> its = channels.stream()
                        .filter(ch -> ch.covers(service.slug, group))
                        .toList();
                if (!its.isEmpty()) {
                    outbox.certificateExpiring(its, service, host(service), c.expiry, Duration.ofMillis(c.leftMillis));
                }
            }
        }
        // noted once the transaction commits: one rolled back (its results redelivered) tries again
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    crossings.forEach(c -> noted.put(c.serviceId, c));
                }
            }
        });
    }

    /** Forgets what this board-web noted, as a restarted or another board-web starts (tests). */
    void forget() {
        noted.clear();
    }

    /** The host the service's target names, or its name when the target is not a URL. */
    private static String host(Service service) {
        try {
            String host =
                    service.target == null ? null : URI.create(service.target).getHost();
            return host == null ? service.name : host;
        } catch (IllegalArgumentException e) {
            return service.name;
        }
    }
}
