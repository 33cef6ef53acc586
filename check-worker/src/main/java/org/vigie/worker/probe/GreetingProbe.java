package org.vigie.worker.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.TrustOptions;

/**
 * SMTP, IMAP, POP3, SSH and FTP: connects and reads the server's greeting. Up when the greeting is the protocol's
 * ({@code 220}, {@code * OK}, {@code +OK}, {@code SSH-2.0-}, {@code 220}); the reason is the greeting itself, cleaned
 * and cut to {@value Conversation#MAX_TEXT} characters. With {@code starttls}, SMTP and IMAP also ask for STARTTLS and
 * complete a TLS handshake, verifying the certificate and the host name unless {@code insecure}.
 * <p>
 * Two shared clients, since Vert.x 4 fixes the TLS trust of a connection upgraded with STARTTLS per client: one
 * verifying, used for every target that does not ask for {@code insecure}, and one trusting any certificate.
 */
@ApplicationScoped
public class GreetingProbe implements EvidenceProbe {

    private static final Pattern REPLY_CODE = Pattern.compile("\\d{3}");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|.*:.*");
    private static final String NOT_OFFERED = "STARTTLS not offered";
    /** Most lines of one multi-line reply. */
    private static final int MAX_LINES = 64;

    private final Vertx vertx;
    private final NetClient verifying;
    private final NetClient trusting;

    @Inject
    GreetingProbe(io.vertx.mutiny.core.Vertx vertx, WorkerConfig config) {
        this(vertx.getDelegate(), config.maxProbeTimeout(), null);
    }

    /**
     * @param maxTimeout the longest probe: the connect and idle timeouts of the clients, a bound for a task gone wrong
     * @param trust      the certificates STARTTLS trusts; null for the JVM's default trust store
     */
    GreetingProbe(Vertx vertx, Duration maxTimeout, TrustOptions trust) {
        this.vertx = vertx;
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, maxTimeout.toMillis()))
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, maxTimeout.toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setReconnectAttempts(0);
        NetClientOptions verifyingOptions = new NetClientOptions(options).setHostnameVerificationAlgorithm("HTTPS");
        if (trust != null) {
            verifyingOptions.setTrustOptions(trust);
        }
        this.verifying = vertx.createNetClient(verifyingOptions);
        this.trusting = vertx.createNetClient(
                new NetClientOptions(options).setTrustAll(true).setHostnameVerificationAlgorithm(""));
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.SMTP, Scheme.IMAP, Scheme.POP3, Scheme.SSH, Scheme.FTP);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence) {
        boolean tlsCapable = target.scheme() == Scheme.SMTP || target.scheme() == Scheme.IMAP;
        boolean starttls = tlsCapable && target.flag("starttls");
        NetClient client = tlsCapable && target.flag("insecure") ? trusting : verifying;
        String serverName = IP_ADDRESS.matcher(target.host()).matches() ? null : target.host();
        Conversation.Script script = switch (target.scheme()) {
            case SMTP -> c -> smtp(c, starttls, serverName);
            case IMAP -> c -> imap(c, starttls, serverName);
            case POP3 -> GreetingProbe::pop3;
            case SSH -> GreetingProbe::ssh;
            case FTP -> GreetingProbe::ftp;
            default ->
                throw new IllegalArgumentException(
                        "not a greeting scheme: " + target.scheme().id());
        };
        return Conversation.run(vertx, client, target, timeout, evidence, script);
    }

    // ------------------------------------------------------------------------------------------------------------
    // SMTP and FTP: numbered replies, 220 greets
    // ------------------------------------------------------------------------------------------------------------

    private static Future<Verdict> smtp(Conversation c, boolean starttls, String serverName) {
        return codedReply(c, "the greeting").compose(greeting -> {
            String first = greeting.get(0);
            c.banner(first);
            if (!first.startsWith("220")) {
                return Future.succeededFuture(
                        c.down("unexpected greeting: " + Conversation.quoted(first), Reasons.UNEXPECTED_GREETING));
            }
            String up = Conversation.printable(first, Conversation.MAX_TEXT);
            if (!starttls) {
                c.write("QUIT\r\n");
                return Future.succeededFuture(c.up(up, Reasons.UP));
            }
            c.write("EHLO vigie\r\n");
            return codedReply(c, "the EHLO reply").compose(ehlo -> {
                String last = ehlo.get(ehlo.size() - 1);
                if (!last.startsWith("250")) {
                    c.evidence("ehlo-reply", last);
                    return Future.succeededFuture(c.down("EHLO refused: " + Conversation.quoted(last), "EHLO refused"));
                }
                boolean offered = ehlo.stream()
                        .skip(1)
                        .anyMatch(line -> line.length() > 4
                                && line.substring(4)
                                        .strip()
                                        .toUpperCase(Locale.ROOT)
                                        .equals("STARTTLS"));
                if (!offered) {
                    c.write("QUIT\r\n");
                    return Future.succeededFuture(c.down(NOT_OFFERED, NOT_OFFERED));
                }
                c.write("STARTTLS\r\n");
                return codedReply(c, "the STARTTLS reply").compose(reply -> {
                    String answer = reply.get(reply.size() - 1);
                    if (!answer.startsWith("220")) {
                        c.evidence("starttls-reply", answer);
                        return Future.succeededFuture(
                                c.down("STARTTLS refused: " + Conversation.quoted(answer), "STARTTLS refused"));
                    }
                    return c.startTls(serverName).map(v -> {
                        c.write("QUIT\r\n");
                        return c.up(up + " (STARTTLS ok)", Reasons.UP);
                    });
                });
            });
        });
    }

    private static Future<Verdict> ftp(Conversation c) {
        return codedReply(c, "the greeting").map(greeting -> {
            String first = greeting.get(0);
            c.banner(first);
            if (!first.startsWith("220")) {
                return c.down("unexpected greeting: " + Conversation.quoted(first), Reasons.UNEXPECTED_GREETING);
            }
            c.write("QUIT\r\n");
            return c.up(Conversation.printable(first, Conversation.MAX_TEXT), Reasons.UP);
        });
    }

    /**
     * A numbered reply (SMTP, FTP): {@code 250-first}, {@code 250-more}, {@code 250 last}. A first line that does not
     * start with a code ends the reply at once: it is not SMTP or FTP, and the caller says so.
     */
    private static Future<List<String>> codedReply(Conversation c, String what) {
        return codedReply(c, what, new ArrayList<>());
    }

    private static Future<List<String>> codedReply(Conversation c, String what, List<String> lines) {
        return c.line(what).compose(line -> {
            lines.add(line);
            boolean continues = line.length() >= 4
                    && REPLY_CODE.matcher(line.substring(0, 3)).matches()
                    && line.charAt(3) == '-';
            if (!continues || lines.size() >= MAX_LINES) {
                return Future.succeededFuture(lines);
            }
            return codedReply(c, what, lines);
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // IMAP
    // ------------------------------------------------------------------------------------------------------------

    private static Future<Verdict> imap(Conversation c, boolean starttls, String serverName) {
        return c.line("the greeting").compose(greeting -> {
            c.banner(greeting);
            String upper = greeting.toUpperCase(Locale.ROOT);
            if (!upper.startsWith("* OK") && !upper.startsWith("* PREAUTH")) {
                return Future.succeededFuture(
                        c.down("unexpected greeting: " + Conversation.quoted(greeting), Reasons.UNEXPECTED_GREETING));
            }
            String up = Conversation.printable(greeting, Conversation.MAX_TEXT);
            if (!starttls) {
                c.write("a1 LOGOUT\r\n");
                return Future.succeededFuture(c.up(up, Reasons.UP));
            }
            c.write("a1 CAPABILITY\r\n");
            return tagged(c, "a1", "the CAPABILITY reply", new ArrayList<>()).compose(capability -> {
                String done = capability.get(capability.size() - 1);
                if (!done.toUpperCase(Locale.ROOT).startsWith("A1 OK")) {
                    c.evidence("capability-reply", done);
                    return Future.succeededFuture(
                            c.down("CAPABILITY refused: " + Conversation.quoted(done), "CAPABILITY refused"));
                }
                boolean offered = capability.stream()
                        .filter(line -> line.toUpperCase(Locale.ROOT).startsWith("* CAPABILITY "))
                        .flatMap(line -> List.of(line.toUpperCase(Locale.ROOT).split(" ")).stream())
                        .anyMatch("STARTTLS"::equals);
                if (!offered) {
                    c.write("a2 LOGOUT\r\n");
                    return Future.succeededFuture(c.down(NOT_OFFERED, NOT_OFFERED));
                }
                c.write("a2 STARTTLS\r\n");
                return tagged(c, "a2", "the STARTTLS reply", new ArrayList<>()).compose(reply -> {
                    String answer = reply.get(reply.size() - 1);
                    if (!answer.toUpperCase(Locale.ROOT).startsWith("A2 OK")) {
                        c.evidence("starttls-reply", answer);
                        return Future.succeededFuture(
                                c.down("STARTTLS refused: " + Conversation.quoted(answer), "STARTTLS refused"));
                    }
                    return c.startTls(serverName).map(v -> {
                        c.write("a3 LOGOUT\r\n");
                        return c.up(up + " (STARTTLS ok)", Reasons.UP);
                    });
                });
            });
        });
    }

    /** Lines up to and including the one tagged {@code tag} ({@code a1 OK ...}); untagged lines before it. */
    private static Future<List<String>> tagged(Conversation c, String tag, String what, List<String> lines) {
        return c.line(what).compose(line -> {
            lines.add(line);
            if (line.regionMatches(true, 0, tag + " ", 0, tag.length() + 1)) {
                return Future.succeededFuture(lines);
            }
            if (lines.size() >= MAX_LINES) {
                return Future.failedFuture(
                        new Conversation.Unexpected("no tagged reply to " + tag + " in " + MAX_LINES + " lines"));
            }
            return tagged(c, tag, what, lines);
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // POP3, SSH
    // ------------------------------------------------------------------------------------------------------------

    private static Future<Verdict> pop3(Conversation c) {
        return c.line("the greeting").map(greeting -> {
            c.banner(greeting);
            if (!greeting.startsWith("+OK")) {
                return c.down("unexpected greeting: " + Conversation.quoted(greeting), Reasons.UNEXPECTED_GREETING);
            }
            c.write("QUIT\r\n");
            return c.up(Conversation.printable(greeting, Conversation.MAX_TEXT), Reasons.UP);
        });
    }

    /**
     * The identification string {@code SSH-2.0-software}. {@code SSH-1.99-} is a server that also speaks the old
     * protocol: it speaks 2.0 too. RFC 4253 (4.2) lets a server send other lines first; no server in use does, and
     * waiting for more lines would keep a check of a server that speaks another protocol until its deadline, so the
     * first line is the greeting.
     */
    private static Future<Verdict> ssh(Conversation c) {
        return c.line("the greeting").map(identification -> {
            c.banner(identification);
            if (!identification.startsWith("SSH-2.0-") && !identification.startsWith("SSH-1.99-")) {
                return c.down(
                        "unexpected greeting: " + Conversation.quoted(identification), Reasons.UNEXPECTED_GREETING);
            }
            // our own identification, so that the server logs a client that left, not a scanner
            c.write("SSH-2.0-Vigie\r\n");
            return c.up(Conversation.printable(identification, Conversation.MAX_TEXT), Reasons.UP);
        });
    }

    @PreDestroy
    void close() {
        verifying.close();
        trusting.close();
    }
}
