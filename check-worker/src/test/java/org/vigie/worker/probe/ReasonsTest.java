package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;

class ReasonsTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void timeoutsSayHowLongWasWaited() {
        assertThat(Reasons.timedOut(Duration.ofSeconds(5))).isEqualTo("timed out after 5 s");
        assertThat(Reasons.timedOut(Duration.ofMillis(1000))).isEqualTo("timed out after 1 s");
        assertThat(Reasons.timedOut(Duration.ofMillis(1500))).isEqualTo("timed out after 1.5 s");
        assertThat(Reasons.timedOut(Duration.ofMillis(250))).isEqualTo("timed out after 250 ms");
        assertThat(Reasons.timedOut(Duration.ofMillis(999))).isEqualTo("timed out after 999 ms");
        assertThat(Reasons.timedOut(Duration.ofMinutes(2))).isEqualTo("timed out after 120 s");
    }

    @Test
    void everyKindOfTimeoutIsATimeout() {
        // Netty's connect timeout is a ConnectException: it must not read as "connection failed"
        assertThat(Reasons.of(
                        new ConnectTimeoutException("connection timed out after 5000 ms: /10.1.1.1:80"), FIVE_SECONDS))
                .isEqualTo("timed out after 5 s");
        assertThat(Reasons.of(
                        new NoStackTraceTimeoutException(
                                "The timeout period of 250ms has been exceeded while executing GET / for server x:80"),
                        Duration.ofMillis(250)))
                .isEqualTo("timed out after 250 ms");
        assertThat(Reasons.of(new TimeoutException(), FIVE_SECONDS)).isEqualTo("timed out after 5 s");
        assertThat(Reasons.of(new ProbeTimeoutException(FIVE_SECONDS), FIVE_SECONDS))
                .isEqualTo("timed out after 5 s");
        assertThat(Reasons.of(new SocketTimeoutException("Read timed out"), FIVE_SECONDS))
                .isEqualTo("timed out after 5 s");
        assertThat(Reasons.of(new ConnectException("Connection timed out"), FIVE_SECONDS))
                .isEqualTo("timed out after 5 s");
    }

    @Test
    void connectionFailures() {
        assertThat(Reasons.of(new ConnectException("Connection refused: /127.0.0.1:9"), FIVE_SECONDS))
                .isEqualTo("connection refused");
        assertThat(Reasons.of(new SocketException("Connection reset"), FIVE_SECONDS))
                .isEqualTo("connection reset");
        assertThat(Reasons.of(new IOException("recvAddress(..) failed: Connection reset by peer"), FIVE_SECONDS))
                .isEqualTo("connection reset");
        assertThat(Reasons.of(new NoRouteToHostException("No route to host"), FIVE_SECONDS))
                .isEqualTo("no route to host");
        assertThat(Reasons.of(new SocketException("Network is unreachable"), FIVE_SECONDS))
                .isEqualTo("network unreachable");
        assertThat(Reasons.of(new HttpClosedException("Connection was closed"), FIVE_SECONDS))
                .isEqualTo("connection closed");
    }

    @Test
    void dnsFailures() {
        assertThat(Reasons.of(new UnknownHostException("Failed to resolve 'nowhere.invalid' [A(1)]"), FIVE_SECONDS))
                .isEqualTo("DNS: no such host");
        UnknownHostException slowDns = new UnknownHostException("Failed to resolve 'slow.example'");
        slowDns.initCause(new DnsNameResolverTimeoutException(
                new InetSocketAddress("127.0.0.53", 53),
                new DefaultDnsQuestion("slow.example", DnsRecordType.A),
                "query via UDP timed out after 5000 milliseconds"));
        assertThat(Reasons.of(slowDns, FIVE_SECONDS)).isEqualTo("DNS: timed out");
    }

    @Test
    void tlsFailuresAreShortAndFoundInsideWrappers() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path "
                + "to requested target");
        assertThat(Reasons.of(new DecoderException(untrusted), FIVE_SECONDS)).isEqualTo("TLS: untrusted certificate");

        assertThat(Reasons.of(
                        new SSLHandshakeException("No subject alternative DNS name matching a.example found."),
                        FIVE_SECONDS))
                .isEqualTo("TLS: certificate does not match host");

        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertificateExpiredException("NotAfter: Tue Jan 02 00:00:00 UTC 2024"));
        assertThat(Reasons.of(expired, FIVE_SECONDS)).isEqualTo("TLS: certificate expired");

        assertThat(Reasons.of(new SSLHandshakeException("Received fatal alert: protocol_version"), FIVE_SECONDS))
                .isEqualTo("TLS: no common protocol version");
        assertThat(Reasons.of(new SSLHandshakeException("Something new"), FIVE_SECONDS))
                .isEqualTo("TLS: Something new");
    }

    @Test
    void anythingElseGivesItsRootMessageShortened() {
        assertThat(Reasons.of(new RuntimeException("wrapper", new IllegalStateException("pool closed")), FIVE_SECONDS))
                .isEqualTo("pool closed");
        assertThat(Reasons.of(new IllegalStateException("x".repeat(500)), FIVE_SECONDS))
                .hasSize(Reasons.MAX_DETAIL);
        assertThat(Reasons.of(new IllegalStateException(), FIVE_SECONDS)).isEqualTo("IllegalStateException");
        assertThat(Reasons.of(new IllegalStateException("first line\n\tat somewhere"), FIVE_SECONDS))
                .isEqualTo("first line");
    }
}
