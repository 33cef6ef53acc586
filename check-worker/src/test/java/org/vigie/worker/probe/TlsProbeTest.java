package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigie.worker.probe.HttpProbeTest.assertVerdict;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.check.Outcome;

/** tls checks: handshake, chain, host name or sni, days to expiry, against servers with generated certificates. */
class TlsProbeTest {

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
    void aValidCertificateIsUpWithItsDaysLeft() {
        Verdict verdict = worker.check("tls://localhost:" + servers.validHttps);
        assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
        assertThat(verdict.reason()).matches("TLSv1\\.[23], certificate expires in 60 days");
        assertThat(verdict.evidence())
                .containsEntry("certificate-issuer", "CN=Vigie Test CA")
                .containsKeys(
                        "certificate-subject", "certificate-expiry", "timing.dns", "timing.connect", "timing.tls");
    }

    @Test
    void expiringExpiredSelfSignedAndWrongHost() {
        assertVerdict(
                worker.check("tls://localhost:" + servers.expiringHttps),
                Outcome.WARNING,
                "certificate expires in 5 days");
        assertThat(worker.check("tls://localhost:" + servers.expiringHttps + "?cert-days=0")
                        .outcome())
                .isEqualTo(Outcome.UP);
        Verdict expired = worker.check("tls://127.0.0.1:" + servers.expiredHttps);
        assertVerdict(expired, Outcome.DOWN, "certificate expired 3 days ago");
        assertThat(expired.evidence()).containsEntry("certificate-subject", "CN=localhost");
        assertVerdict(
                worker.check("tls://127.0.0.1:" + servers.selfSignedHttps),
                Outcome.DOWN,
                "TLS: self-signed certificate");
        assertThat(worker.check("tls://127.0.0.1:" + servers.selfSignedHttps + "?insecure")
                        .outcome())
                .isEqualTo(Outcome.UP);
        assertVerdict(
                worker.check("tls://127.0.0.1:" + servers.wrongHostHttps),
                Outcome.DOWN,
                "TLS: certificate is for other.example, not 127.0.0.1");
    }

    @Test
    void sniIsSentAndTheCertificateCheckedAgainstIt() {
        Verdict verdict = worker.check("tls://127.0.0.1:" + servers.validHttps + "?sni=www.vigie.test");
        // the certificate is not for www.vigie.test: checked against the sni, not the address
        assertVerdict(
                verdict,
                Outcome.DOWN,
                "TLS: certificate is for localhost, 127.0.0.1, 0:0:0:0:0:0:0:1, not www.vigie.test");
        await().atMost(Duration.ofSeconds(10)).until(() -> servers.serverNames.contains("www.vigie.test"));
        assertThat(worker.check("tls://127.0.0.1:" + servers.wrongHostHttps + "?sni=other.example")
                        .outcome())
                .isEqualTo(Outcome.UP);
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsDown() {
        Verdict plain = worker.check("tls://127.0.0.1:" + servers.http);
        assertThat(plain.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(plain.reason()).startsWith("TLS: ");
    }
}
