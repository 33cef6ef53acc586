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
    void redirectsAreFollowedUnlessRedirectsIsZero() {
        Verdict followed = worker.check(servers.url("/moved"));
        assertVerdict(followed, Outcome.DOWN, "HTTP 503");
        assertThat(followed.evidence().get("url")).endsWith("/status/503");
        assertVerdict(worker.check(servers.url("/moved?redirects=0")), Outcome.UP, "HTTP 302");
        assertVerdict(worker.check(servers.url("/hop/10?contains=arrived")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/hop/11")), Outcome.DOWN, "too many redirects (10)");
        assertVerdict(worker.check(servers.url("/hop/2?redirects=2&contains=arrived")), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check(servers.url("/hop/3?redirects=2")), Outcome.DOWN, "too many redirects (2)");
    }

    @Test
    void aRedirectLoopIsDownAtTheLimit() {
        assertVerdict(worker.check(servers.url("/loop")), Outcome.DOWN, "too many redirects (10)");
        assertVerdict(worker.check(servers.url("/loop?redirects=5")), Outcome.DOWN, "too many redirects (5)");
        // redirects=0: the redirect is the answer, as before redirects were followed by default
        assertVerdict(worker.check(servers.url("/loop?redirects=0")), Outcome.UP, "HTTP 302");
    }

    @Test
    void aSeeOtherIsFetchedWithGetAndATemporaryRedirectKeepsTheMethod() {
        assertVerdict(
                worker.check(servers.url("/redirect?status=303&to=/headers&method=POST&contains=method%3DGET")),
                Outcome.UP,
                "HTTP 200");
        assertVerdict(
                worker.check(servers.url("/redirect?status=302&to=/headers&method=POST&contains=method%3DGET")),
                Outcome.UP,
                "HTTP 200");
        assertVerdict(
                worker.check(servers.url("/redirect?status=307&to=/headers&method=POST&contains=method%3DPOST")),
                Outcome.UP,
                "HTTP 200");
        assertVerdict(
                worker.check(servers.url("/redirect?status=303&to=/headers&method=HEAD")), Outcome.UP, "HTTP 200");
    }

    @Test
    void headersFollowARedirectWithinTheOrigin() {
        Verdict sameOrigin = worker.check(
                servers.url("/redirect?to=%2Fheaders&header.X-Probe=hello&contains=X-Probe%3Dhello%20UA%3DVigie"));
        assertVerdict(sameOrigin, Outcome.UP, "HTTP 200");
        assertVerdict(
                worker.check("https://localhost:" + servers.validHttps
                        + "/redirect?to=https%3A%2F%2Flocalhost%3A" + servers.validHttps
                        + "%2Fheaders&header.X-Probe=hello&contains=X-Probe%3Dhello"),
                Outcome.UP,
                "HTTP 200");
    }

    @Test
    void headersAreNotSentToAnotherHostOrPort() {
        // 127.0.0.1 to localhost: the same server, another host name; the header stays behind
        Verdict otherHost = worker.check(servers.url("/redirect?to=http%3A%2F%2Flocalhost%3A" + servers.http
                + "%2Fheaders&header.X-Probe=hello&contains=X-Probe%3Dhello"));
        assertVerdict(otherHost, Outcome.DOWN, "keyword \"X-Probe=hello\" not found");
        assertThat(otherHost.evidence())
                .containsEntry("url", "http://localhost:" + servers.http + "/headers")
                .containsEntry("headers", "not sent to http://localhost:" + servers.http + ", another origin");
        // the User-Agent is Vigie's own and still goes
        assertThat(otherHost.evidence().get("body")).startsWith("X-Probe=null UA=Vigie");

        Verdict otherPort = worker.check(servers.url("/redirect?to=http%3A%2F%2F127.0.0.1%3A" + servers.otherHttp
                + "%2Fheaders&header.X-Probe=hello&contains=X-Probe%3Dhello"));
        assertVerdict(otherPort, Outcome.DOWN, "keyword \"X-Probe=hello\" not found");
        assertThat(otherPort.evidence().get("body")).startsWith("X-Probe=null");

        // once away from the origin, a redirect back does not bring the headers back
        Verdict andBack = worker.check(servers.url("/redirect?to=http%3A%2F%2Flocalhost%3A" + servers.http
                + "%2Fredirect%3Fto%3Dhttp%253A%252F%252F127.0.0.1%253A" + servers.http
                + "%252Fheaders&header.X-Probe=hello&contains=X-Probe%3Dhello"));
        assertVerdict(andBack, Outcome.DOWN, "keyword \"X-Probe=hello\" not found");
        assertThat(andBack.evidence()).containsEntry("url", servers.url("/headers"));
    }

    @Test
    void headersAreNotSentFromHttpsDownToHttp() {
        Verdict downgraded = worker.check("https://localhost:" + servers.validHttps
                + "/redirect?to=http%3A%2F%2Flocalhost%3A" + servers.http
                + "%2Fheaders&header.X-Probe=hello&contains=X-Probe%3Dhello");
        assertVerdict(downgraded, Outcome.DOWN, "keyword \"X-Probe=hello\" not found");
        assertThat(downgraded.evidence())
                .containsEntry("url", "http://localhost:" + servers.http + "/headers")
                .containsEntry("headers", "not sent to http://localhost:" + servers.http + ", another origin");
        assertThat(downgraded.evidence().get("body")).startsWith("X-Probe=null");
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
