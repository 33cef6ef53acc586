package org.vigie.worker.probe;

import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;

/**
 * Turns a probe's failure into the short reason the board shows: {@code connection refused},
 * {@code timed out after 5 s}, {@code DNS: no such host}, {@code connection reset}, {@code TLS: ...}.
 * Vert.x and Netty wrap the JDK's exceptions, so the whole cause chain is read, outermost first.
 */
public final class Reasons {

    /** Longest text taken from an exception message we do not recognise. */
    static final int MAX_DETAIL = 120;

    private Reasons() {}

    /** The reason for {@code failure}, a probe that had {@code timeout} to finish. */
    public static String of(Throwable failure, Duration timeout) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 12; t = t.getCause(), depth++) {
            String reason = known(t, timeout);
            if (reason != null) {
                return reason;
            }
        }
        Throwable root = failure;
        for (depth = 0; root.getCause() != null && root.getCause() != root && depth < 12; depth++) {
            root = root.getCause();
        }
        String message = firstLine(root.getMessage());
        return message == null ? root.getClass().getSimpleName() : shorten(message);
    }

    /** {@code timed out after 5 s}, {@code timed out after 1.5 s}, {@code timed out after 250 ms}. */
    public static String timedOut(Duration timeout) {
        long ms = timeout.toMillis();
        if (ms < 1000) {
            return "timed out after " + ms + " ms";
        }
        return "timed out after "
                + BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static String known(Throwable t, Duration timeout) {
        String message = lower(t.getMessage());
        // Netty's ConnectTimeoutException is a ConnectException: test timeouts first.
        if (t instanceof TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || t instanceof SocketTimeoutException
                || t instanceof ConnectTimeoutException
                || t instanceof io.netty.handler.timeout.TimeoutException) {
            return timedOut(timeout);
        }
        if (t instanceof UnknownHostException) {
            return isDnsTimeout(t) ? "DNS: timed out" : "DNS: no such host";
        }
        if (t.getClass().getName().startsWith("io.netty.resolver.dns.DnsNameResolverTimeoutException")) {
            return "DNS: timed out";
        }
        if (t instanceof SSLException) {
            return "TLS: " + tls(t);
        }
        if (message.contains("timed out")) {
            // the operating system's ETIMEDOUT, e.g. "Connection timed out"
            return timedOut(timeout);
        }
        if (t instanceof NoRouteToHostException || message.contains("no route to host")) {
            return "no route to host";
        }
        if (message.contains("network is unreachable")) {
            return "network unreachable";
        }
        if (message.contains("connection refused")) {
            return "connection refused";
        }
        if (message.contains("connection reset")) {
            return "connection reset";
        }
        if (t instanceof HttpClosedException
                || message.contains("broken pipe")
                || message.equals("connection was closed")
                || message.equals("closed")) {
            return "connection closed";
        }
        if (t instanceof ConnectException) {
            return "connection failed" + (t.getMessage() == null ? "" : ": " + shorten(firstLine(t.getMessage())));
        }
        return null;
    }

    /**
     * The short cause of a TLS failure; the JDK's messages run to hundreds of characters. The most specific cause
     * wins wherever it is in the chain: an expired certificate also fails "PKIX path validation".
     */
    static String tls(Throwable ssl) {
        for (TlsCause cause : TLS_CAUSES) {
            for (Throwable t = ssl; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (cause.matches(t, lower(t.getMessage()))) {
                    return cause.reason();
                }
            }
        }
        String message = firstLine(ssl.getMessage());
        return message == null ? ssl.getClass().getSimpleName() : shorten(message);
    }

    private record TlsCause(String reason, BiPredicate<Throwable, String> test) {
        boolean matches(Throwable t, String lowerMessage) {
            return test.test(t, lowerMessage);
        }
    }

    private static final List<TlsCause> TLS_CAUSES = List.of(
            new TlsCause(
                    "certificate expired",
                    (t, m) -> t instanceof CertificateExpiredException
                            || m.contains("certificate expired")
                            || m.contains("certificate_expired")),
            new TlsCause("certificate not yet valid", (t, m) -> t instanceof CertificateNotYetValidException),
            new TlsCause(
                    "certificate does not match host",
                    (t, m) -> m.contains("no subject alternative") || m.contains("no name matching")),
            new TlsCause(
                    "untrusted certificate",
                    (t, m) -> t instanceof CertPathValidatorException
                            || m.contains("unable to find valid certification path")
                            || m.contains("pkix path")
                            || m.contains("self-signed")
                            || m.contains("self signed")),
            new TlsCause(
                    "no common protocol version",
                    (t, m) -> m.contains("protocol_version") || m.contains("no appropriate protocol")),
            new TlsCause(
                    "handshake failure",
                    (t, m) -> m.contains("handshake_failure") || m.contains("no cipher suites in common")),
            new TlsCause(
                    "handshake closed by server",
                    (t, m) -> m.contains("remote host terminated the handshake")
                            || m.contains("connection closed during handshake")),
            new TlsCause(
                    "server does not speak TLS",
                    (t, m) -> m.contains("not an ssl/tls record") || m.contains("unrecognized ssl message")));

    private static boolean isDnsTimeout(Throwable unknownHost) {
        for (Throwable t = unknownHost.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.netty.resolver.dns.DnsNameResolverTimeoutException")
                    || lower(t.getMessage()).contains("timed out")
                    || lower(t.getMessage()).contains("query timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        int newline = s.indexOf('\n');
        return (newline < 0 ? s : s.substring(0, newline)).strip();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL - 1) + "…";
    }
}
