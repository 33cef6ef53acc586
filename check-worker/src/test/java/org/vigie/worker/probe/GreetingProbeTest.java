package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigie.worker.probe.ProtocolChecks.check;
import static org.vigie.worker.probe.ProtocolChecks.closedPort;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigie.check.Outcome;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/** smtp, imap, pop3, ssh, ftp against banner servers the tests start on loopback ports. */
class GreetingProbeTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static Vertx vertx;
    private static ServerCertificate certificate;
    private static ServerCertificate otherHost;
    /** Trusts {@link #certificate}, as a probe trusts a CA-signed one. */
    private static GreetingProbe probe;
    /** Trusts what the JVM trusts: not the test certificate. */
    private static GreetingProbe defaultTrust;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        certificate = ServerCertificate.selfSigned("localhost", "127.0.0.1");
        otherHost = ServerCertificate.selfSigned("other.example", "192.0.2.1");
        probe = new GreetingProbe(vertx, Duration.ofMinutes(2), certificate.trust());
        defaultTrust = new GreetingProbe(vertx, Duration.ofMinutes(2), null);
    }

    @AfterAll
    static void stop() {
        probe.close();
        defaultTrust.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Greetings
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void smtpGreetingIsUpAndTheProbeSaysQuit() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = ScriptedServer.lines(
                vertx, "127.0.0.1", null, "220 mail.example.org ESMTP ready\r\n", (socket, line) -> heard.add(line))) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("220 mail.example.org ESMTP ready");
            assertThat(verdict.evidence())
                    .containsEntry("banner", "220 mail.example.org ESMTP ready")
                    .containsEntry("address", "127.0.0.1")
                    .containsKey("timing.connect");
            await().atMost(FIVE_SECONDS).until(() -> heard.contains("QUIT") && server.openConnections() == 0);
        }
    }

    @Test
    void multiLineSmtpGreetingIsReadWhole() {
        try (ScriptedServer server =
                ScriptedServer.greeting(vertx, "220-mail.example.org ESMTP\r\n220-more\r\n220 ready\r\n")) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("220-mail.example.org ESMTP");
        }
    }

    @Test
    void anotherSmtpCodeIsDownWithTheGreeting() {
        try (ScriptedServer server = ScriptedServer.greeting(vertx, "421 too busy\r\n")) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isEqualTo("unexpected greeting: \"421 too busy\"");
            assertThat(verdict.evidence())
                    .containsEntry("banner", "421 too busy")
                    .containsEntry("address", "127.0.0.1");
        }
    }

    @Test
    void aLongGreetingIsCutAndCleaned() {
        String name = "x".repeat(300);
        try (ScriptedServer server = ScriptedServer.greeting(vertx, "220 \u0007\u001b[31m" + name + "\r\n")) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason())
                    .hasSize(Conversation.MAX_TEXT)
                    .startsWith("220 [31mxxx")
                    .endsWith("…")
                    .doesNotContain("\u0007", "\u001b");
        }
    }

    @Test
    void imapPop3SshAndFtpGreetingsAreUp() {
        assertGreeting(
                "imap",
                "* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n",
                Outcome.UP,
                "* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.");
        assertGreeting("pop3", "+OK Dovecot ready.\r\n", Outcome.UP, "+OK Dovecot ready.");
        assertGreeting(
                "ssh",
                "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
                Outcome.UP,
                "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3");
        assertGreeting("ssh", "SSH-1.99-Cisco-1.25\n", Outcome.UP, "SSH-1.99-Cisco-1.25");
        assertGreeting("ftp", "220 (vsFTPd 3.0.3)\r\n", Outcome.UP, "220 (vsFTPd 3.0.3)");
    }

    @Test
    void otherGreetingsAreDown() {
        assertGreeting(
                "imap",
                "* BYE too many connections\r\n",
                Outcome.DOWN,
                "unexpected greeting: \"* BYE too many connections\"");
        assertGreeting(
                "pop3",
                "-ERR [SYS/TEMP] try later\r\n",
                Outcome.DOWN,
                "unexpected greeting: \"-ERR [SYS/TEMP] try later\"");
        assertGreeting("ssh", "SSH-1.5-OldServer\r\n", Outcome.DOWN, "unexpected greeting: \"SSH-1.5-OldServer\"");
        assertGreeting(
                "ftp",
                "421 Service not available\r\n",
                Outcome.DOWN,
                "unexpected greeting: \"421 Service not available\"");
    }

    @Test
    void aServerOfAnotherProtocolIsDown() {
        assertGreeting(
                "ssh",
                "220 mail.example.org ESMTP\r\n",
                Outcome.DOWN,
                "unexpected greeting: \"220 mail.example.org ESMTP\"");
        assertGreeting("smtp", "SSH-2.0-OpenSSH_9.2\r\n", Outcome.DOWN, "unexpected greeting: \"SSH-2.0-OpenSSH_9.2\"");
        assertGreeting("imap", "+OK POP3 ready\r\n", Outcome.DOWN, "unexpected greeting: \"+OK POP3 ready\"");
        assertGreeting("pop3", "* OK IMAP4 ready\r\n", Outcome.DOWN, "unexpected greeting: \"* OK IMAP4 ready\"");
        assertGreeting(
                "ftp",
                "HTTP/1.1 400 Bad Request\r\n",
                Outcome.DOWN,
                "unexpected greeting: \"HTTP/1.1 400 Bad Request\"");
    }

    @Test
    void ipv6LoopbackWorks() {
        try (ScriptedServer server =
                ScriptedServer.lines(vertx, "::1", null, "220 v6 ready\r\n", (socket, line) -> {})) {
            Verdict verdict = check(probe, "smtp://[::1]:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.evidence()).containsEntry("address", "0:0:0:0:0:0:0:1");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Hostile and absent servers, every scheme
    // ------------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"smtp", "imap", "pop3", "ssh", "ftp"})
    void closedPortIsConnectionRefused(String scheme) throws Exception {
        Verdict verdict = check(probe, scheme + "://127.0.0.1:" + closedPort(), FIVE_SECONDS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
        assertThat(verdict.reason()).isEqualTo("connection refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp", "imap", "pop3", "ssh", "ftp", "smtp?starttls", "imap?starttls"})
    void aServerThatNeverGreetsTimesOutAndTheConnectionIsClosed(String schemeAndOptions) {
        try (ScriptedServer server = ScriptedServer.silent(vertx)) {
            String[] parts = schemeAndOptions.split("\\?");
            String target = parts[0] + "://127.0.0.1:" + server.port() + (parts.length > 1 ? "?" + parts[1] : "");

            Verdict verdict = check(probe, target, ONE_SECOND);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isEqualTo("timed out after 1 s");
            assertThat(verdict.evidence()).containsEntry("address", "127.0.0.1");
            assertThat(server.acceptedConnections()).isEqualTo(1);
            await().atMost(FIVE_SECONDS).until(() -> server.openConnections() == 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"smtp", "imap", "pop3", "ssh", "ftp"})
    void aServerThatHangsUpIsDown(String scheme) {
        try (ScriptedServer server = ScriptedServer.start(vertx, NetSocket::close)) {
            Verdict verdict = check(probe, scheme + "://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isIn("connection closed before the greeting", "connection reset");
        }
    }

    @Test
    void anEndlessGreetingIsReadNoFurtherThanTheCap() {
        Buffer chunk = Buffer.buffer("220 " + "y".repeat(8192));
        try (ScriptedServer server = ScriptedServer.start(vertx, socket -> {
            // 8 MiB without a line end, as fast as the probe reads
            for (int i = 0; i < 1024; i++) {
                socket.write(chunk);
            }
        })) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isEqualTo("no complete greeting in the first 4096 bytes");
            await().atMost(FIVE_SECONDS).until(() -> server.openConnections() == 0);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // STARTTLS
    // ------------------------------------------------------------------------------------------------------------

    @Test
    void smtpStartTlsWithATrustedCertificateIsUp() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ScriptedServer server = smtpServer(certificate, true, heard)) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port() + "?starttls", FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.UP);
            assertThat(verdict.reason()).isEqualTo("220 test.example ESMTP (STARTTLS ok)");
            assertThat(verdict.evidence()).containsKey("timing.tls");
            // QUIT came over TLS: the server read it after the upgrade
            await().atMost(FIVE_SECONDS).until(() -> heard.equals(List.of("EHLO vigie", "STARTTLS", "QUIT")));
        }
    }

    @Test
    void smtpStartTlsWithAnUntrustedCertificateIsDownUnlessInsecure() {
        try (ScriptedServer server = smtpServer(certificate, true, new CopyOnWriteArrayList<>())) {
            Verdict verified = check(defaultTrust, "smtp://127.0.0.1:" + server.port() + "?starttls", FIVE_SECONDS);
            Verdict insecure =
                    check(defaultTrust, "smtp://127.0.0.1:" + server.port() + "?starttls&insecure", FIVE_SECONDS);

            assertThat(verified.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verified.reason()).isEqualTo("TLS: untrusted certificate");
            assertThat(verified.evidence()).containsEntry("banner", "220 test.example ESMTP");
            assertThat(insecure.outcome()).isEqualTo(Outcome.UP);
            assertThat(insecure.reason()).isEqualTo("220 test.example ESMTP (STARTTLS ok)");
        }
    }

    @Test
    void smtpStartTlsWithAnotherHostsCertificateIsDown() {
        GreetingProbe trustsOtherHost = new GreetingProbe(vertx, Duration.ofMinutes(2), otherHost.trust());
        try (ScriptedServer server = smtpServer(otherHost, true, new CopyOnWriteArrayList<>())) {
            Verdict verdict = check(trustsOtherHost, "smtp://127.0.0.1:" + server.port() + "?starttls", FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).isEqualTo("TLS: certificate does not match host");
        } finally {
            trustsOtherHost.close();
        }
    }

    @Test
    void smtpWithoutStartTlsIsDownWhenAskedFor() {
        try (ScriptedServer server = smtpServer(certificate, false, new CopyOnWriteArrayList<>())) {
            Verdict asked = check(probe, "smtp://127.0.0.1:" + server.port() + "?starttls", FIVE_SECONDS);
            Verdict notAsked = check(probe, "smtp://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(asked.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(asked.reason()).isEqualTo("STARTTLS not offered");
            assertThat(notAsked.outcome()).isEqualTo(Outcome.UP);
        }
    }

    @Test
    void smtpStartTlsRefusedIsDown() {
        try (ScriptedServer server =
                ScriptedServer.lines(vertx, "127.0.0.1", null, "220 test.example ESMTP\r\n", (socket, line) -> {
                    if (line.startsWith("EHLO")) {
                        socket.write("250-test.example\r\n250 STARTTLS\r\n");
                    } else if (line.equals("STARTTLS")) {
                        socket.write("454 4.7.0 TLS not available due to local problem\r\n");
                    }
                })) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port() + "?starttls", FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason())
                    .isEqualTo("STARTTLS refused: \"454 4.7.0 TLS not available due to local problem\"");
        }
    }

    @Test
    void smtpServerThatSpeaksPlainTextAfterStartTlsIsDown() {
        try (ScriptedServer server =
                ScriptedServer.lines(vertx, "127.0.0.1", null, "220 test.example ESMTP\r\n", (socket, line) -> {
                    if (line.startsWith("EHLO")) {
                        socket.write("250-test.example\r\n250 STARTTLS\r\n");
                    } else if (line.equals("STARTTLS")) {
                        socket.write("220 go ahead\r\n");
                        vertx.setTimer(50, id -> socket.write("this is not TLS\r\n"));
                    }
                })) {
            Verdict verdict = check(probe, "smtp://127.0.0.1:" + server.port() + "?starttls", FIVE_SECONDS);

            assertThat(verdict.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(verdict.reason()).startsWith("TLS: ");
        }
    }

    @Test
    void imapStartTlsIsUpWhenOfferedAndDownWhenNot() {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ScriptedServer offering = imapServer(true, heard);
                ScriptedServer notOffering = imapServer(false, new CopyOnWriteArrayList<>())) {
            Verdict up = check(probe, "imap://127.0.0.1:" + offering.port() + "?starttls", FIVE_SECONDS);
            Verdict down = check(probe, "imap://127.0.0.1:" + notOffering.port() + "?starttls", FIVE_SECONDS);

            assertThat(up.outcome()).isEqualTo(Outcome.UP);
            assertThat(up.reason()).isEqualTo("* OK IMAP ready (STARTTLS ok)");
            await().atMost(FIVE_SECONDS)
                    .until(() -> heard.equals(List.of("a1 CAPABILITY", "a2 STARTTLS", "a3 LOGOUT")));
            assertThat(down.outcome()).isEqualTo(Outcome.DOWN);
            assertThat(down.reason()).isEqualTo("STARTTLS not offered");
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private void assertGreeting(String scheme, String greeting, Outcome outcome, String reason) {
        try (ScriptedServer server = ScriptedServer.greeting(vertx, greeting)) {
            Verdict verdict = check(probe, scheme + "://127.0.0.1:" + server.port(), FIVE_SECONDS);

            assertThat(verdict.outcome()).as(scheme + " " + greeting).isEqualTo(outcome);
            assertThat(verdict.reason()).as(scheme + " " + greeting).isEqualTo(reason);
        }
    }

    /** An SMTP server holding {@code cert}, offering STARTTLS or not; records the commands it hears. */
    private static ScriptedServer smtpServer(ServerCertificate cert, boolean offerStartTls, List<String> heard) {
        return ScriptedServer.lines(
                vertx, "127.0.0.1", cert.keyCert(), "220 test.example ESMTP\r\n", (socket, line) -> {
                    heard.add(line);
                    if (line.startsWith("EHLO")) {
                        socket.write("250-test.example\r\n250-PIPELINING\r\n"
                                + (offerStartTls ? "250-STARTTLS\r\n" : "") + "250 8BITMIME\r\n");
                    } else if (line.equals("STARTTLS")) {
                        socket.write("220 2.0.0 Ready to start TLS\r\n").onSuccess(v -> socket.upgradeToSsl());
                    } else if (line.equals("QUIT")) {
                        socket.write("221 2.0.0 Bye\r\n").onComplete(v -> socket.close());
                    }
                });
    }

    private static ScriptedServer imapServer(boolean offerStartTls, List<String> heard) {
        BiConsumer<NetSocket, String> script = (socket, line) -> {
            heard.add(line);
            String tag = line.split(" ")[0];
            if (line.endsWith("CAPABILITY")) {
                socket.write(
                        "* CAPABILITY IMAP4rev1 SASL-IR" + (offerStartTls ? " STARTTLS" : "") + " LOGINDISABLED\r\n"
                                + tag + " OK Pre-login capabilities listed, post-login capabilities have more.\r\n");
            } else if (line.endsWith("STARTTLS")) {
                socket.write(tag + " OK Begin TLS negotiation now.\r\n").onSuccess(v -> socket.upgradeToSsl());
            } else if (line.endsWith("LOGOUT")) {
                socket.write("* BYE Logging out\r\n" + tag + " OK Logout completed.\r\n")
                        .onComplete(v -> socket.close());
            }
        };
        return ScriptedServer.lines(vertx, "127.0.0.1", certificate.keyCert(), "* OK IMAP ready\r\n", script);
    }
}
