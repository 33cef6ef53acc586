package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.check.Outcome;

import io.vertx.core.Vertx;

/**
 * Public reasons never name the target: failing checks against real servers on loopback, each asserted to have a full
 * reason that names something (the test could fail) and a public one from Vigie's vocabulary that names none of it.
 */
class PublicReasonsTest {

    /** An IPv4 or IPv6 address, a URL, a host name with a dot: what a public reason must never hold. */
    private static final Pattern NAMES_SOMETHING =
            Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+|[0-9a-f]*:[0-9a-f]*:|://|[a-z0-9-]+\\.[a-z]{2,}");

    @TempDir
    static Path dir;

    private static TestServers servers;
    private static ProbeHarness worker;
    private static DnsProbeTest.TestDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers();
        dns = new DnsProbeTest.TestDnsServer();
        worker = new ProbeHarness(Map.of(
                "vigie.worker.tls.trust-store",
                servers.certificates.writeCa(dir).toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
        dns.close();
        servers.close();
    }

    @Test
    void dnsFailuresNameNeitherTheHostNorTheAddresses() {
        String server = "server=127.0.0.1:" + dns.port();
        assertPublic(
                worker.check("dns://up.vigie.test?expect=192.0.2.99&" + server),
                Outcome.DOWN,
                "DNS answer did not match",
                "192.0.2.10",
                "192.0.2.99");
        assertPublic(worker.check("dns://up.vigie.test?" + server), Outcome.UP, "Up", "192.0.2.10");
        assertPublic(
                worker.check("dns://nowhere.vigie.test?" + server),
                Outcome.DOWN,
                "DNS: no such host",
                "DNS: no such host");
        assertPublic(worker.check("http://nowhere.invalid/"), Outcome.DOWN, "DNS: no such host", "DNS: no such host");
    }

    @Test
    void aRefusedConnectionIsJustThat() {
        assertPublic(
                worker.check("http://127.0.0.1:" + servers.closed + "/"),
                Outcome.DOWN,
                "connection refused",
                "connection refused");
        assertPublic(worker.check("tcp://127.0.0.1:" + servers.closed), Outcome.DOWN, "connection refused", "refused");
    }

    @Test
    void redirectsNameNoUrl() {
        assertPublic(
                worker.check(servers.url("/redirect?to=ftp://internal.example/login")),
                Outcome.DOWN,
                "bad redirect",
                "internal.example/login");
        assertPublic(
                worker.check(servers.url("/ping-pong?redirects=3")),
                Outcome.DOWN,
                "too many redirects",
                "too many redirects (3)");
    }

    @Test
    void bodyConditionsQuoteNeitherTheBodyNorTheCondition() {
        assertPublic(
                worker.check(servers.url("/text?contains=secret-token")),
                Outcome.DOWN,
                "response did not match",
                "secret-token");
        assertPublic(
                worker.check(servers.url("/text?regex=internal%5Cd")),
                Outcome.DOWN,
                "response did not match",
                "internal\\d");
        assertPublic(
                worker.check(servers.url("/json?json=%24.status%20%3D%3D%20ok")),
                Outcome.DOWN,
                "response did not match",
                "\"down\"");
        Verdict error = worker.check(servers.url("/status/503"));
        assertPublic(error, Outcome.DOWN, "HTTP 503", "HTTP 503");
        assertThat(error.evidence()).containsEntry("body", "maintenance in progress");
    }

    @Test
    void certificateProblemsNameNoHost() {
        assertPublic(
                worker.check("https://127.0.0.1:" + servers.wrongHostHttps + "/ok"),
                Outcome.DOWN,
                "certificate invalid",
                "other.example",
                "127.0.0.1");
        assertPublic(
                worker.check("tls://127.0.0.1:" + servers.wrongHostHttps),
                Outcome.DOWN,
                "certificate invalid",
                "other.example");
        assertPublic(
                worker.check("https://localhost:" + servers.selfSignedHttps + "/ok"),
                Outcome.DOWN,
                "certificate invalid",
                "self-signed");
        // a number of days names nothing: the same words for everyone
        assertPublic(
                worker.check("tls://localhost:" + servers.expiredHttps),
                Outcome.DOWN,
                "certificate expired 3 days ago",
                "expired");
        Verdict expiring = worker.check("https://localhost:" + servers.expiringHttps + "/ok");
        assertPublic(expiring, Outcome.WARNING, expiring.reason(), "certificate expires in ");
        assertPublic(worker.check("tls://127.0.0.1:" + servers.http), Outcome.DOWN, "TLS handshake failed", "TLS");
    }

    @Test
    void greetingsAndServerMessagesStayWithAdmins() {
        Vertx vertx = Vertx.vertx();
        GreetingProbe greetings = new GreetingProbe(vertx, Duration.ofMinutes(1), null);
        try (ScriptedServer refusing =
                        ScriptedServer.greeting(vertx, "554 mail.internal.example refuses 10.0.3.7\r\n");
                ScriptedServer ssh = ScriptedServer.greeting(vertx, "SSH-2.0-OpenSSH_9.6 build.internal.example\r\n")) {
            assertPublic(
                    ProtocolChecks.check(greetings, "smtp://127.0.0.1:" + refusing.port(), Duration.ofSeconds(5)),
                    Outcome.DOWN,
                    "unexpected greeting",
                    "mail.internal.example",
                    "10.0.3.7");
            assertPublic(
                    ProtocolChecks.check(greetings, "ssh://127.0.0.1:" + ssh.port(), Duration.ofSeconds(5)),
                    Outcome.UP,
                    "Up",
                    "OpenSSH_9.6");
        } finally {
            greetings.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void exceptionTextIsNeverPublic() {
        Duration timeout = Duration.ofSeconds(5);
        assertPublic(
                Reasons.down(new ConnectException("Connection refused: internal.example/10.0.3.7:443"), timeout, null),
                Outcome.DOWN,
                "connection refused",
                "connection refused");
        assertPublic(
                Reasons.down(new ConnectException("Cannot assign requested address: /10.0.3.7:443"), timeout, null),
                Outcome.DOWN,
                "connection failed",
                "10.0.3.7");
        assertPublic(
                Reasons.down(new UnknownHostException("Failed to resolve 'internal.example'"), timeout, null),
                Outcome.DOWN,
                "DNS: no such host",
                "DNS: no such host");
        assertPublic(
                Reasons.down(
                        new SSLHandshakeException("No subject alternative DNS name matching internal.example found."),
                        timeout,
                        null),
                Outcome.DOWN,
                "certificate invalid",
                "certificate does not match host");
        assertPublic(
                Reasons.down(new SSLHandshakeException("Received fatal alert from internal.example"), timeout, null),
                Outcome.DOWN,
                "TLS handshake failed",
                "internal.example");
        assertPublic(
                Reasons.down(new IllegalStateException("weird state of https://internal.example/x"), timeout, null),
                Outcome.DOWN,
                "check failed",
                "https://internal.example/x");
        assertPublic(
                Reasons.down(new ProbeTimeoutException(timeout), timeout, null),
                Outcome.DOWN,
                "timed out",
                "timed out after 5 s");
    }

    @Test
    void aReasonThatIsItsOwnPublicReasonIsTheSameString() {
        // the hot path: an up HTTP check carries one reason string, not two
        Verdict up = worker.check(servers.url("/ok"));
        assertThat(up.reason()).isEqualTo("HTTP 200");
        assertThat(up.publicReason()).isSameAs(up.reason());
    }

    /**
     * {@code verdict} has {@code outcome} and the public reason {@code shown}; its full reason holds each of
     * {@code inFullOnly}, and its public reason none of them, nor an address, URL or host name unless said outright.
     */
    private static void assertPublic(Verdict verdict, Outcome outcome, String shown, String... inFullOnly) {
        assertThat(verdict.outcome()).as("outcome of %s", verdict).isEqualTo(outcome);
        assertThat(verdict.publicReason()).as("public reason of %s", verdict).isEqualTo(shown);
        for (String s : inFullOnly) {
            assertThat(verdict.reason()).as("full reason of %s", verdict).contains(s);
            if (!shown.contains(s)) {
                assertThat(verdict.publicReason()).doesNotContain(s);
            }
        }
        assertThat(NAMES_SOMETHING.matcher(verdict.publicReason()).find())
                .as("%s names an address, URL or host", verdict.publicReason())
                .isFalse();
    }
}
