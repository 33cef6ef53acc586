package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.check.Outcome;

/** HTTP and HTTPS checks against real servers on loopback: statuses, body conditions, redirects, certificates. */
class HttpProbeTest {

    @TempDir
    static Path dir;

    private static TestServers servers;
    private static ProbeHarness worker;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers();
        worker = new ProbeHarness(Map.of(
                "vigie.worker.tls.trust-store",
                servers.certificates.writeCa(dir).toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
        servers.close();
    }

    @Test
    void aSuccessfulStatusIsUp() {
        assertVerdict(worker.check(servers.url("/ok")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check("http://localhost:" + servers.http + "/ok"), Outcome.UP, "HTTP 200");
    }

    @Test
    void anErrorStatusIsDownWithItsStatusLineBodyAndTimings() {
        Verdict verdict = worker.check("http://localhost:" + servers.http + "/status/503");

        assertVerdict(verdict, Outcome.DOWN, "HTTP 503");
        assertThat(verdict.evidence())
                .containsEntry("status-line", "HTTP/1.1 503 Service Unavailable")
                .containsEntry("body", "maintenance in progress")
                .containsEntry("address", "127.0.0.1")
                .containsKeys("timing.dns", "timing.connect", "timing.first-byte");
    }

    @Test
    void expectSaysWhichStatusesAreUp() {
        assertVerdict(worker.check(servers.url("/status/503?expect=503")), Outcome.UP, "HTTP 503");
        assertVerdict(worker.check(servers.url("/ok?expect=204,3xx")), Outcome.DOWN, "HTTP 200");
    }

    @Test
    void methodAndHeadersAreSent() {
        assertVerdict(
                worker.check(
                        servers.url(
                                "/headers?method=POST&header.X-Probe=hello&contains=X-Probe%3Dhello%20UA%3DVigie%20method%3DPOST")),
                Outcome.UP,
                "HTTP 200");
        Verdict missing = worker.check(servers.url("/headers?contains=X-Probe%3Dhello"));
        assertVerdict(missing, Outcome.DOWN, "keyword \"X-Probe=hello\" not found");
        assertThat(missing.evidence().get("body")).startsWith("X-Probe=null");
    }

    @Test
    void keywordAndRegexAreSearchedInTheBody() {
        assertVerdict(worker.check(servers.url("/text?contains=ready")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/text?contains=ok")), Outcome.DOWN, "keyword \"ok\" not found");
        assertVerdict(worker.check(servers.url("/text?regex=v%5Cd%2B")), Outcome.UP, "HTTP 200");
        assertVerdict(
                worker.check(servers.url("/text?regex=v%5Cd%7B3%7D")), Outcome.DOWN, "regex \"v\\d{3}\" not found");
    }

    @Test
    void jsonConditionsAreReadFromTheBody() {
        assertVerdict(
                worker.check(servers.url("/json?json=%24.status%20%3D%3D%20ok")),
                Outcome.DOWN,
                "json $.status == ok: found \"down\"");
        assertVerdict(worker.check(servers.url("/json?json=%24.status%20!%3D%20ok")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/json?json=%24.checks%5B0%5D.healthy")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/json?json=%24.count%20%3D%3D%203")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/json?json=%24.missing")), Outcome.DOWN, "json $.missing: not found");
        assertVerdict(
                worker.check(servers.url("/text?json=%24.status")), Outcome.DOWN, "json $.status: body is not JSON");
    }

    @Test
    void redirectsAreTheAnswerUnlessFollowed() {
        assertVerdict(worker.check(servers.url("/moved")), Outcome.UP, "HTTP 302");
        Verdict followed = worker.check(servers.url("/moved?redirects=3"));
        assertVerdict(followed, Outcome.DOWN, "HTTP 503");
        assertThat(followed.evidence().get("url")).endsWith("/status/503");
        assertVerdict(worker.check(servers.url("/hop/2?redirects=2&contains=arrived")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/hop/3?redirects=2")), Outcome.DOWN, "too many redirects (2)");
    }

    @Test
    void aRedirectLoopEndsAtTheLimit() {
        assertVerdict(worker.check(servers.url("/loop?redirects=5")), Outcome.DOWN, "too many redirects (5)");
    }

    @Test
    void slowerThanSlowIsAWarning() {
        Verdict slow = worker.check(servers.url("/slow?slow=100ms"));
        assertThat(slow.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(slow.reason()).matches("slow: \\d+ ms > 100 ms");
        assertVerdict(worker.check(servers.url("/slow?slow=60s")), Outcome.UP, "HTTP 200");
    }

    @Test
    void aValidCertificateFromATrustedAuthorityIsUp() {
        assertVerdict(worker.check("https://localhost:" + servers.validHttps + "/ok"), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check("https://127.0.0.1:" + servers.validHttps + "/ok"), Outcome.UP, "HTTP 200");
    }

    @Test
    void aCertificateExpiringSoonIsAWarning() {
        Verdict expiring = worker.check("https://localhost:" + servers.expiringHttps + "/ok");
        assertVerdict(expiring, Outcome.WARNING, "certificate expires in 5 days");
        assertThat(expiring.evidence()).containsKeys("certificate-subject", "certificate-expiry");
        assertVerdict(
                worker.check("https://localhost:" + servers.expiringHttps + "/ok?cert-days=3"), Outcome.UP, "HTTP 200");
    }

    @Test
    void anExpiredCertificateIsDown() {
        Verdict expired = worker.check("https://localhost:" + servers.expiredHttps + "/ok");
        assertVerdict(expired, Outcome.DOWN, "certificate expired 3 days ago");
        assertThat(expired.evidence())
                .containsEntry("certificate-subject", "CN=localhost")
                .containsKey("certificate-expiry");
    }

    @Test
    void aSelfSignedCertificateIsDownAndNoRequestIsSentUnlessInsecure() {
        assertVerdict(
                worker.check("https://localhost:" + servers.selfSignedHttps + "/ok"),
                Outcome.DOWN,
                "TLS: self-signed certificate");
        assertThat(servers.selfSignedRequests).hasValue(0);

        assertVerdict(
                worker.check("https://localhost:" + servers.selfSignedHttps + "/ok?insecure"), Outcome.UP, "HTTP 200");
        assertThat(servers.selfSignedRequests).hasValue(1);
    }

    @Test
    void aCertificateForAnotherHostIsDown() {
        assertVerdict(
                worker.check("https://127.0.0.1:" + servers.wrongHostHttps + "/ok"),
                Outcome.DOWN,
                "TLS: certificate is for other.example, not 127.0.0.1");
    }

    @Test
    void anAuthorityIsTrustedOnlyThroughTheTrustStoreSetting() {
        try (ProbeHarness defaults = new ProbeHarness()) {
            assertVerdict(
                    defaults.check("https://localhost:" + servers.validHttps + "/ok"),
                    Outcome.DOWN,
                    "TLS: untrusted certificate (issuer CN=Vigie Test CA)");
        }
    }

    @Test
    void aNameThatDoesNotResolveAndAClosedPortAreDown() {
        assertVerdict(worker.check("http://nowhere.invalid/"), Outcome.DOWN, "DNS: no such host");
        assertVerdict(worker.check("https://nowhere.invalid/"), Outcome.DOWN, "DNS: no such host");
        assertVerdict(worker.check("http://127.0.0.1:" + servers.closed + "/"), Outcome.DOWN, "connection refused");
    }

    static void assertVerdict(Verdict verdict, Outcome outcome, String reason) {
        assertThat(verdict.reason()).as("reason of %s", verdict).isEqualTo(reason);
        assertThat(verdict.outcome()).as("outcome of %s", verdict).isEqualTo(outcome);
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
