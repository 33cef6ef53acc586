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
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;

/**
 * Turns a probe's failure into the short reason the board shows: {@code connection refused},
 * {@code timed out after 5 s}, {@code DNS: no such host}, {@code connection reset}, {@code TLS: ...}, with its public
 * reason. Vert.x and Netty wrap the JDK's exceptions, so the whole cause chain is read, outermost first.
 * <p>
 * Also the words of public reasons ({@link Verdict}): what the public board, feeds and API show in place of a reason
 * that names the target (address, host name, URL), quotes what the server sent (body, banner, error text) or an
 * exception, or repeats the admin's own options (a keyword, a pattern, a JSON path).
 */
public final class Reasons {

    /** Longest text taken from an exception message we do not recognise. */
    static final int MAX_DETAIL = 120;

    // Public reasons: a fixed vocabulary. A reason made only of Vigie's words and numbers (HTTP 503, connection
    // refused, certificate expires in 3 days, 67% packet loss) is its own public reason.
    public static final String UP = "Up";
    public static final String TIMED_OUT = "timed out";
    public static final String CONNECTION_REFUSED = "connection refused";
    public static final String CONNECTION_RESET = "connection reset";
    public static final String CONNECTION_CLOSED = "connection closed";
    public static final String CONNECTION_FAILED = "connection failed";
    public static final String NO_ROUTE = "no route to host";
    public static final String NETWORK_UNREACHABLE = "network unreachable";
    public static final String DNS_NO_SUCH_HOST = "DNS: no such host";
    public static final String DNS_TIMED_OUT = "DNS: timed out";
    public static final String DNS_ANSWER_DID_NOT_MATCH = "DNS answer did not match";
    public static final String CERTIFICATE_INVALID = "certificate invalid";
    public static final String CERTIFICATE_EXPIRED = "certificate expired";
    public static final String CERTIFICATE_NOT_YET_VALID = "certificate not yet valid";
    public static final String TLS_HANDSHAKE_FAILED = "TLS handshake failed";
    public static final String TOO_MANY_REDIRECTS = "too many redirects";
    public static final String BAD_REDIRECT = "bad redirect";
    public static final String RESPONSE_DID_NOT_MATCH = "response did not match";
    public static final String CONDITION_TOOK_TOO_LONG = "condition took too long";
    public static final String CONDITION_TOO_COMPLEX = "condition too complex";
    public static final String UNEXPECTED_GREETING = "unexpected greeting";
    public static final String BAD_CONNECTION_STRING = "bad connection string";
    /** A failure none of the above recognises: its text is the exception's, never shown publicly. */
    public static final String CHECK_FAILED = "check failed";

    private Reasons() {}

    /** The reason for {@code failure}, a probe that had {@code timeout} to finish. */
    public static String of(Throwable failure, Duration timeout) {
        return down(failure, timeout, Map.of()).reason();
    }

    /** The DOWN verdict for {@code failure}, with both its reasons and {@code evidence}. */
    public static Verdict down(Throwable failure, Duration timeout, Map<String, String> evidence) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 12; t = t.getCause(), depth++) {
            Verdict verdict = known(t, timeout, evidence);
            if (verdict != null) {
                return verdict;
            }
        }
        Throwable root = failure;
        for (depth = 0; root.getCause() != null && root.getCause() != root && depth < 12; depth++) {
            root = root.getCause();
        }
        String message = firstLine(root.getMessage());
        return Verdict.down(
                message == null ? root.getClass().getSimpleName() : shorten(message), CHECK_FAILED, evidence);
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

    private static Verdict known(Throwable t, Duration timeout, Map<String, String> evidence) {
        String message = lower(t.getMessage());
        // Netty's ConnectTimeoutException is a ConnectException: test timeouts first.
        if (t instanceof TimeoutException
                || t instanceof io.smallrye.mutiny.TimeoutException
                || t instanceof SocketTimeoutException
                || t instanceof ConnectTimeoutException
                || t instanceof io.netty.handler.timeout.TimeoutException) {
            return Verdict.down(timedOut(timeout), TIMED_OUT, evidence);
        }
        if (t instanceof Conversation.Unexpected) {
            // Vigie's own words about what a target said: its reason is public as it is
            return Verdict.down(t.getMessage(), t.getMessage(), evidence);
        }
        if (t instanceof UnknownHostException) {
            return same(isDnsTimeout(t) ? DNS_TIMED_OUT : DNS_NO_SUCH_HOST, evidence);
        }
        if (t.getClass().getName().startsWith("io.netty.resolver.dns.DnsNameResolverTimeoutException")) {
            return same(DNS_TIMED_OUT, evidence);
        }
        if (t instanceof SSLException) {
            TlsCause cause = tlsCause(t);
            return Verdict.down(
                    "TLS: " + (cause != null ? cause.reason() : tlsDetail(t)),
                    cause != null ? cause.publicReason() : TLS_HANDSHAKE_FAILED,
                    evidence);
        }
        if (message.contains("timed out")) {
            // the operating system's ETIMEDOUT, e.g. "Connection timed out"
            return Verdict.down(timedOut(timeout), TIMED_OUT, evidence);
        }
        if (t instanceof NoRouteToHostException || message.contains("no route to host")) {
            return same(NO_ROUTE, evidence);
        }
        if (message.contains("network is unreachable")) {
            return same(NETWORK_UNREACHABLE, evidence);
        }
        if (message.contains("connection refused")) {
            return same(CONNECTION_REFUSED, evidence);
        }
        if (message.contains("connection reset")) {
            return same(CONNECTION_RESET, evidence);
        }
        if (t instanceof HttpClosedException
                || message.contains("broken pipe")
                || message.equals("connection was closed")
                || message.equals("closed")) {
            return same(CONNECTION_CLOSED, evidence);
        }
        if (t instanceof ConnectException) {
            // the message may name the address
            return Verdict.down(
                    t.getMessage() == null
                            ? CONNECTION_FAILED
                            : CONNECTION_FAILED + ": " + shorten(firstLine(t.getMessage())),
                    CONNECTION_FAILED,
                    evidence);
        }
        return null;
    }

    /** A DOWN verdict whose reason is one of Vigie's words, public as it is. */
    private static Verdict same(String reason, Map<String, String> evidence) {
        return Verdict.down(reason, reason, evidence);
    }

    /**
     * The short cause of a TLS failure; the JDK's messages run to hundreds of characters. The most specific cause
     * wins wherever it is in the chain: an expired certificate also fails "PKIX path validation".
     */
    static String tls(Throwable ssl) {
        TlsCause cause = tlsCause(ssl);
        return cause != null ? cause.reason() : tlsDetail(ssl);
    }

    private static TlsCause tlsCause(Throwable ssl) {
        for (TlsCause cause : TLS_CAUSES) {
            for (Throwable t = ssl; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (cause.matches(t, lower(t.getMessage()))) {
                    return cause;
                }
            }
        }
        return null;
    }

    /** The JDK's own words for a TLS failure no cause recognises: they may name the host. */
    private static String tlsDetail(Throwable ssl) {
        String message = firstLine(ssl.getMessage());
        return message == null ? ssl.getClass().getSimpleName() : shorten(message);
    }

    private record TlsCause(String reason, String publicReason, BiPredicate<Throwable, String> test) {
        boolean matches(Throwable t, String lowerMessage) {
            return test.test(t, lowerMessage);
        }
    }

    private static final List<TlsCause> TLS_CAUSES = List.of(
            new TlsCause(
                    "certificate expired",
                    CERTIFICATE_EXPIRED,
                    (t, m) -> t instanceof CertificateExpiredException
                            || m.contains("certificate expired")
                            || m.contains("certificate_expired")),
            new TlsCause(
                    "certificate not yet valid",
                    CERTIFICATE_NOT_YET_VALID,
                    (t, m) -> t instanceof CertificateNotYetValidException),
            new TlsCause(
                    "certificate does not match host",
                    CERTIFICATE_INVALID,
                    (t, m) -> m.contains("no subject alternative") || m.contains("no name matching")),
            new TlsCause(
                    "untrusted certificate",
                    CERTIFICATE_INVALID,
                    (t, m) -> t instanceof CertPathValidatorException
                            || m.contains("unable to find valid certification path")
                            || m.contains("pkix path")
                            || m.contains("self-signed")
                            || m.contains("self signed")),
            new TlsCause(
                    "no common protocol version",
                    TLS_HANDSHAKE_FAILED,
                    (t, m) -> m.contains("protocol_version") || m.contains("no appropriate protocol")),
            new TlsCause(
                    "handshake failure",
                    TLS_HANDSHAKE_FAILED,
                    (t, m) -> m.contains("handshake_failure") || m.contains("no cipher suites in common")),
            new TlsCause(
                    "handshake closed by server",
                    TLS_HANDSHAKE_FAILED,
                    (t, m) -> m.contains("remote host terminated the handshake")
                            || m.contains("connection closed during handshake")),
            new TlsCause(
                    "server does not speak TLS",
                    TLS_HANDSHAKE_FAILED,
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
