package org.vigie.board.notify.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.notify.NotifyFixtures;
import org.vigie.board.result.ResultStore;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Certificate expiry warnings from stored results: one per threshold and certificate, also when another board-web
 * (one that noted nothing yet) stores the same; a renewed certificate starts over; results without the evidence, or
 * whose warning is noted, cost no query.
 */
@QuarkusTest
class CertificateWarningsTest extends AdminTest {

    @Inject
    ResultStore store;

    @Inject
    CertificateWarnings certificates;

    @Inject
    NotifyFixtures notify;

    @Inject
    MeterRegistry registry;

    long shop;

    @BeforeEach
    void start() {
        notify.clear();
        certificates.forget();
        shop = data.service("shop", "https://shop.example.org/");
        data.service("other", "https://other.example.org/");
        channel("certs", List.of("certificate-expiring"), List.of());
        channel("other certs", List.of("certificate-expiring"), List.of("other"));
        channel("outages", List.of("down", "up"), List.of());
    }

    @AfterEach
    void stop() {
        notify.clear();
    }

    private static void channel(String name, List<String> events, List<String> services) {
        api().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", name,
                        "kind", "webhook",
                        "url", "http://127.0.0.1:9/hook",
                        "events", events,
                        "services", services))
                .post("/admin/api/v1/notification-channels")
                .then()
                .statusCode(201);
    }

    private static CheckResult result(long service, Instant expiry) {
        return result(service, expiry, Instant.now());
    }

    /** A result of a check run at {@code at}: days later, the same certificate is closer to its expiry. */
    private static CheckResult result(long service, Instant expiry, Instant at) {
        Map<String, String> evidence = expiry == null
                ? Map.of()
                : Map.of("certificate-subject", "CN=shop.example.org", "certificate-expiry", expiry.toString());
        return new CheckResult(
                UUID.randomUUID().toString(),
                service,
                Outcome.UP,
                12,
                "HTTP 200",
                "HTTP 200",
                "test-worker",
                at.minusMillis(12),
                at,
                at.minusMillis(20),
                evidence);
    }

    private double lookups() {
        return registry.counter("vigie.notify.certificate.lookups").count();
    }

    @Test
    void oneWarningPerThresholdAndCertificate() {
        // a minute short of 5 days: the message's "4 d 23 h" whatever the clocks' last digits
        Instant expiry = Instant.now().plus(Duration.ofDays(5)).minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        store.store(List.of(result(shop, expiry), result(shop, expiry)));
        assertThat(notify.written())
                .containsExactly("certificate-expiring certs: shop: the TLS certificate expires in 4 d 23 h");

        // noted here: the next results of the same certificate reach no table
        double before = lookups();
        for (int i = 0; i < 5; i++) {
            store.store(List.of(result(shop, expiry)));
        }
        assertThat(lookups()).isEqualTo(before);

        // another board-web, which noted nothing: the database's key makes it once all the same
        certificates.forget();
        store.store(List.of(result(shop, expiry)));
        assertThat(lookups()).isEqualTo(before + 1);
        assertThat(notify.count()).isEqualTo(1);

        // two days later, the next threshold (3 days) once; the one after skips none it has not crossed
        Instant later = Instant.now().plus(Duration.ofDays(2));
        store.store(List.of(result(shop, expiry, later), result(shop, expiry, later.plusSeconds(60))));
        assertThat(notify.count()).isEqualTo(2);
        assertThat(notify.written().get(1)).endsWith("expires in 2 d 23 h");
        store.store(List.of(result(shop, expiry, expiry.minus(Duration.ofHours(20)))));
        assertThat(notify.count()).isEqualTo(3);

        // renewed: far from expiry, nothing; a new certificate close to expiry again starts over
        store.store(List.of(result(shop, Instant.now().plus(Duration.ofDays(90)))));
        assertThat(notify.count()).isEqualTo(3);
        store.store(List.of(result(shop, Instant.now().plus(Duration.ofDays(10)))));
        assertThat(notify.count()).isEqualTo(4);

        // results without the evidence, and expired certificates (the check says Down), warn nobody
        store.store(List.of(result(shop, null), result(shop, Instant.now().minusSeconds(60))));
        assertThat(notify.count()).isEqualTo(4);
    }

    @Test
    void theMessageSaysTheHostTheDaysLeftAndLinksTheService() {
        Instant expiry = Instant.now().plus(Duration.ofDays(2)).plusSeconds(3540);
        store.store(List.of(result(shop, expiry)));
        JsonPath notice = JsonPath.from(notify.messages().get(0));
        assertThat(notice.getString("kind")).isEqualTo("CERTIFICATE_EXPIRING");
        assertThat(notice.getString("title")).isEqualTo("shop: the TLS certificate expires in 2 d");
        assertThat(notice.getString("text"))
                .isEqualTo("The certificate of shop.example.org is valid until " + expiry + ".");
        assertThat(notice.getString("link")).isEqualTo("https://status.example.org/services/shop");
    }

    /** What the storing path pays per result: measured, printed, and bounded loosely (a busy machine is slow). */
    @Test
    void resultsWithoutNewWarningsCostAMapLookUp() {
        Instant expiry = Instant.now().plus(Duration.ofDays(5));
        List<CheckResult> plain = new ArrayList<>();
        List<CheckResult> noted = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            plain.add(result(shop, null));
            noted.add(result(shop, expiry));
        }
        store.store(List.of(noted.get(0))); // noted now
        double before = lookups();
        for (int round = 0; round < 3; round++) { // warm-up, then the last round counts
            long t0 = System.nanoTime();
            certificates.note(plain);
            long t1 = System.nanoTime();
            certificates.note(noted);
            long t2 = System.nanoTime();
            if (round == 2) {
                System.out.printf(
                        "certificate warnings: %.0f ns a result without evidence, %.0f ns with a noted certificate%n",
                        (t1 - t0) / 100_000.0, (t2 - t1) / 100_000.0);
                assertThat((t2 - t0) / 200_000.0).isLessThan(10_000); // 10 µs: far above what it costs
            }
        }
        assertThat(lookups()).isEqualTo(before);
        assertThat(notify.count()).isEqualTo(1);
    }
}
