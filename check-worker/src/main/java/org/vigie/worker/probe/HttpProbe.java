package org.vigie.worker.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.JsonCondition;
import org.vigie.check.Outcome;
import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;

/**
 * HTTP and HTTPS. The check resolves the host itself (to time DNS and keep the address as evidence), connects to that
 * address with the host name as Host header and TLS server name, judges the certificate before sending anything
 * ({@link Certificates}), sends {@code method} with the {@code header.*} headers, and reads the status.
 * <p>
 * Redirects are followed as browsers and {@code curl -L} do, up to {@code redirects} hops (default
 * {@value #DEFAULT_REDIRECTS}; 0 makes a redirect the answer): a 303, and a 301 or 302 answering a POST, continue as a
 * GET. The {@code header.*} headers (credentials, often) go only to the target's own origin: from the first hop to
 * another scheme, host or port (https to http included) they are no longer sent.
 * <p>
 * The body is read only for {@code contains}, {@code regex} or {@code json}, and never beyond
 * {@code vigie.worker.http.max-body}: the connection is closed there. A {@code regex} is searched off the event loop
 * within a budget ({@link RegexSearch}). A failing status keeps the first bytes of its body as evidence.
 * <p>
 * The core HttpClient rather than a WebClient: reading the body chunk by chunk and closing at the cap, and knowing when
 * the connection is ready (for the certificate and the timings), need it.
 */
@ApplicationScoped
public class HttpProbe implements EvidenceProbe {

    /** Body kept as evidence of a failing status, and how long to wait for it once the status is known. */
    static final int EVIDENCE_BODY = 1024;

    static final long EVIDENCE_WAIT_MILLIS = 250;

    /** Hops followed when the connection string does not say: as many as curl's and browsers' limits allow. */
    static final long DEFAULT_REDIRECTS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final HttpClient client;
    private final Certificates certificates;
    private final String userAgent;
    private final int maxBody;
    private final RegexSearch regexSearch;

    HttpProbe(Vertx vertx, WorkerConfig config, Certificates certificates) {
        this.vertx = vertx;
        this.certificates = certificates;
        this.userAgent = config.http().userAgent();
        this.maxBody = config.http().maxBody();
        this.regexSearch = new RegexSearch(
                vertx.getDelegate(), config.http().regexThreads(), config.http().regexBudget());
        long maxMillis = config.maxProbeTimeout().toMillis();
        HttpClientOptions options = new HttpClientOptions()
                // every certificate passes the handshake; Certificates judges it before the request is sent
                .setTrustAll(true)
                .setVerifyHost(false)
                // a fresh connection per check: a pooled one would hide a server that no longer accepts any
                .setKeepAlive(false)
                .setPipelining(false)
                // checks of one host must not queue behind each other: as many connections as checks in flight
                .setMaxPoolSize(config.maxInFlight())
                // upper bounds only: each request sets its own connect timeout, and Probes ends the check
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, maxMillis))
                .setIdleTimeout((int) Math.max(1, config.maxProbeTimeout().toSeconds()));
        this.client = vertx.getDelegate().createHttpClient(options);
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.HTTP, Scheme.HTTPS);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence) {
        return Uni.createFrom().emitter(emitter -> {
            Check check = new Check(target, timeout, evidence, emitter);
            // cancelled by the deadline, or done: either way the connection goes
            emitter.onTermination(check::abort);
            check.request(
                    target.scheme() == Scheme.HTTPS,
                    target.host(),
                    target.port(),
                    (target.path().isEmpty() ? "/" : target.path())
                            + (target.query().isEmpty() ? "" : "?" + target.query()));
        });
    }

    @PreDestroy
    void close() {
        client.close();
        regexSearch.close();
    }

    /** One check: its hops (redirects), state and outcome. Callbacks run on the client's event loop. */
    private final class Check {

        private final Target target;
        private final Evidence evidence;
        private final UniEmitter<? super Verdict> emitter;
        private final long deadline;
        private final long maxRedirects;
        private HttpMethod method;
        private volatile boolean done;
        private volatile HttpClientRequest current;
        private int redirects;
        /** False from the first hop away from the target's origin: the {@code header.*} headers stay with it. */
        private boolean sendsHeaders = true;

        private Verdict certificateWarning;

        Check(Target target, Duration timeout, Evidence evidence, UniEmitter<? super Verdict> emitter) {
            this.target = target;
            this.evidence = evidence;
            this.emitter = emitter;
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.maxRedirects = target.count("redirects").orElse(DEFAULT_REDIRECTS);
            this.method = HttpMethod.valueOf(target.text("method").orElse("GET"));
        }

        void request(boolean ssl, String host, int port, String uri) {
            long dnsStart = System.nanoTime();
            resolve(host).onComplete(resolved -> {
                if (done) {
                    return;
                }
                if (resolved.failed()) {
                    fail(resolved.cause());
                    return;
                }
                if (!isIpLiteral(host)) {
                    evidence.timing("dns", dnsStart);
                }
                evidence.put("address", resolved.result().getHostAddress());
                connect(ssl, host, port, uri, resolved.result());
            });
        }

        private void connect(boolean ssl, String host, int port, String uri, InetAddress address) {
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setSsl(ssl)
                    .setHost(host)
                    .setPort(port)
                    .setURI(uri)
                    // the address resolved above; the host name still goes in the Host header and the TLS SNI
                    .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                    .setConnectTimeout(Math.max(1, remainingMillis()))
                    .setFollowRedirects(false);
            options.putHeader("User-Agent", userAgent);
            if (sendsHeaders) {
                target.headers().forEach(options::putHeader);
            }
            long connectStart = System.nanoTime();
            client.request(options).onComplete(ready -> {
                if (ready.succeeded() && done) {
                    // the check ended (deadline) while this connection was being made
                    ready.result().reset();
                    return;
                }
                if (ready.failed()) {
                    fail(ready.cause());
                    return;
                }
                HttpClientRequest request = ready.result();
                current = request;
                // failures after the check ended (the reset that closes the connection) are expected, not errors
                request.exceptionHandler(failure -> {
                    if (current == request) {
                        fail(failure);
                    }
                });
                // for https this includes the TLS handshake: Vert.x reports the connection ready only after it
                evidence.timing("connect", connectStart);
                if (ssl && !judgeCertificate(request, host)) {
                    return;
                }
                long sent = System.nanoTime();
                request.send().onComplete(response -> {
                    if (done) {
                        return;
                    }
                    if (response.failed()) {
                        fail(response.cause());
                    } else {
                        evidence.timing("first-byte", sent);
                        answered(request, response.result(), ssl, host, port, uri);
                    }
                });
            });
        }

        /** False, and the check ended, when the certificate is refused: nothing is sent to such a server. */
        private boolean judgeCertificate(HttpClientRequest request, String host) {
            Verdict verdict;
            try {
                verdict = certificates.judge(
                        request.connection().peerCertificates(), host, target, evidence, Instant.now());
            } catch (SSLPeerUnverifiedException e) {
                verdict = Verdict.down("TLS: no certificate", Reasons.CERTIFICATE_INVALID);
            }
            if (verdict != null && verdict.outcome() == Outcome.DOWN) {
                finish(verdict);
                quietReset(request, null);
                return false;
            }
            certificateWarning = verdict;
            return true;
        }

        private void answered(
                HttpClientRequest request,
                HttpClientResponse response,
                boolean ssl,
                String host,
                int port,
                String uri) {
            response.exceptionHandler(failure -> {
                if (current == request) {
                    fail(failure);
                }
            });
            int status = response.statusCode();
            evidence.put(
                    "status-line",
                    "HTTP/" + version(response) + " " + status
                            + (response.statusMessage() == null ? "" : " " + response.statusMessage()));
            String location = response.getHeader("Location");
            if (status >= 300 && status < 400 && maxRedirects > 0 && location != null) {
                quietReset(request, response);
                if (redirects >= maxRedirects) {
                    finish(Verdict.down("too many redirects (" + maxRedirects + ")", Reasons.TOO_MANY_REDIRECTS));
                    return;
                }
                redirects++;
                follow(status, ssl, host, port, uri, location);
                return;
            }
            // a status code: the same string is the public reason
            String reason = "HTTP " + status;
            if (!target.expectedStatuses().matches(status)) {
                // the first bytes of the error page often say why; wait a moment for them, no more
                readBody(
                        request,
                        response,
                        EVIDENCE_BODY,
                        EVIDENCE_WAIT_MILLIS,
                        (body, truncated) -> finish(Verdict.down(reason, reason, bodyEvidence(body))));
                return;
            }
            // options looked up, not parsed: the pattern is compiled once, when the body is judged
            boolean readsBody = target.options().containsKey("contains")
                    || target.options().containsKey("regex")
                    || target.options().containsKey("json");
            if (!readsBody) {
                // the status is the answer: the body is neither waited for nor read
                finish(up(reason));
                quietReset(request, response);
                return;
            }
            readBody(request, response, maxBody, -1, (body, truncated) -> judgeBody(reason, body, truncated));
        }

        private void follow(int status, boolean ssl, String host, int port, String uri, String location) {
            String from = origin(ssl, host, port) + uri;
            URI next;
            try {
                next = new URI(from).resolve(new URI(location));
            } catch (URISyntaxException | IllegalArgumentException e) {
                finish(Verdict.down("bad redirect to " + Evidence.excerpt(location), Reasons.BAD_REDIRECT));
                return;
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                finish(Verdict.down("bad redirect to " + Evidence.excerpt(location), Reasons.BAD_REDIRECT));
                return;
            }
            boolean nextSsl = scheme.equals("https");
            String nextHost = next.getHost();
            if (nextHost.startsWith("[")) {
                nextHost = nextHost.substring(1, nextHost.length() - 1);
            }
            int nextPort = next.getPort() > 0 ? next.getPort() : nextSsl ? 443 : 80;
            String nextUri = (next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath())
                    + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
            nextHost = nextHost.toLowerCase(Locale.ROOT);
            evidence.put("url", next.toString());
            if (sendsHeaders && (nextSsl != ssl || nextPort != port || !nextHost.equals(host))) {
                sendsHeaders = false;
                if (!target.headers().isEmpty()) {
                    evidence.put("headers", "not sent to " + origin(nextSsl, nextHost, nextPort) + ", another origin");
                }
            }
            // what browsers and curl -L do: a 303 is fetched with GET, and so is a 301 or 302 answering a POST
            if (status == 303 && method != HttpMethod.HEAD
                    || (status == 301 || status == 302) && method == HttpMethod.POST) {
                method = HttpMethod.GET;
            }
            request(nextSsl, nextHost, nextPort, nextUri);
        }

        /**
         * Reads at most {@code cap} bytes of the body, then closes the connection; ends after {@code waitMillis} if
         * positive. {@code then} gets the bytes and whether the body went on beyond them.
         */
        private void readBody(
                HttpClientRequest request,
                HttpClientResponse response,
                int cap,
                long waitMillis,
                BiConsumer<Buffer, Boolean> then) {
            Buffer body = Buffer.buffer();
            boolean[] ended = new boolean[1];
            response.handler(chunk -> {
                if (ended[0]) {
                    return;
                }
                int room = cap - body.length();
                if (chunk.length() > room) {
                    body.appendBuffer(chunk, 0, room);
                    ended[0] = true;
                    quietReset(request, response);
                    then.accept(body, true);
                } else {
                    body.appendBuffer(chunk);
                }
            });
            response.endHandler(v -> {
                if (!ended[0]) {
                    ended[0] = true;
                    then.accept(body, false);
                }
            });
            response.exceptionHandler(failure -> {
                if (!ended[0] && current == request) {
                    ended[0] = true;
                    fail(failure);
                }
            });
            if (waitMillis > 0) {
                vertx.getDelegate().setTimer(Math.max(1, Math.min(waitMillis, remainingMillis())), id -> {
                    if (!ended[0]) {
                        ended[0] = true;
                        quietReset(request, response);
                        then.accept(body, true);
                    }
                });
            }
        }

        /** The body conditions in order: keyword, regex (off the event loop), JSON; the check ends with their verdict. */
        private void judgeBody(String reason, Buffer bytes, boolean truncated) {
            String body = bytes.toString(StandardCharsets.UTF_8);
            String within = truncated ? " in the first " + size(maxBody) : "";
            Optional<String> keyword = target.text("contains");
            if (keyword.isPresent() && !body.contains(keyword.get())) {
                finish(Verdict.down(
                        "keyword \"" + keyword.get() + "\" not found" + within,
                        Reasons.RESPONSE_DID_NOT_MATCH,
                        bodyEvidence(bytes)));
                return;
            }
            Optional<Pattern> regex = target.regex();
            if (regex.isEmpty()) {
                finish(judgeJson(reason, body, bytes, truncated));
                return;
            }
            String pattern = regex.get().pattern();
            regexSearch.find(regex.get(), body, deadline).onComplete(found -> {
                if (done) {
                    return;
                }
                if (found.succeeded() && found.result()) {
                    finish(judgeJson(reason, body, bytes, truncated));
                } else if (found.succeeded()) {
                    finish(Verdict.down(
                            "regex \"" + pattern + "\" not found" + within,
                            Reasons.RESPONSE_DID_NOT_MATCH,
                            bodyEvidence(bytes)));
                } else if (found.cause() instanceof RegexSearch.Unfinished unfinished) {
                    finish(Verdict.down(
                            switch (unfinished.failure) {
                                case TOO_LONG -> "condition took too long: regex \"" + pattern + "\"";
                                case TOO_COMPLEX -> "condition too complex: regex \"" + pattern + "\"";
                            },
                            switch (unfinished.failure) {
                                case TOO_LONG -> Reasons.CONDITION_TOOK_TOO_LONG;
                                case TOO_COMPLEX -> Reasons.CONDITION_TOO_COMPLEX;
                            },
                            bodyEvidence(bytes)));
                } else {
                    fail(found.cause());
                }
            });
        }

        private Verdict judgeJson(String reason, String body, Buffer bytes, boolean truncated) {
            Optional<JsonCondition> json = target.jsonCondition();
            if (json.isPresent()) {
                String failed = jsonFailure(json.get(), body, truncated);
                if (failed != null) {
                    return Verdict.down(
                            "json " + json.get().text() + ": " + failed,
                            Reasons.RESPONSE_DID_NOT_MATCH,
                            bodyEvidence(bytes));
                }
            }
            return up(reason);
        }

        private String jsonFailure(JsonCondition condition, String body, boolean truncated) {
            if (truncated) {
                return "body is larger than " + size(maxBody);
            }
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (IOException e) {
                return "body is not JSON";
            }
            if (node == null) {
                return "body is not JSON";
            }
            for (Object step : condition.path()) {
                node = step instanceof Integer index ? node.path(index) : node.path((String) step);
            }
            if (node.isMissingNode()) {
                return "not found";
            }
            String found = node.isValueNode() && !node.isNull() ? node.asText() : node.toString();
            boolean holds = switch (condition.operator() == null ? "" : condition.operator()) {
                case "==" -> found.equals(condition.expected());
                case "!=" -> !found.equals(condition.expected());
                default -> !node.isNull() && !(node.isBoolean() && !node.booleanValue());
            };
            if (holds) {
                return null;
            }
            String shown = node.toString();
            return "found " + (shown.length() > 80 ? shown.substring(0, 79) + "…" : shown);
        }

        private Map<String, String> bodyEvidence(Buffer body) {
            evidence.put("body", Evidence.excerpt(body.toString(StandardCharsets.UTF_8)));
            return evidence.snapshot();
        }

        private Verdict up(String reason) {
            return certificateWarning != null ? certificateWarning : Verdict.up(reason, reason);
        }

        private Future<InetAddress> resolve(String host) {
            if (isIpLiteral(host)) {
                return Future.succeededFuture(NetUtil.createInetAddressFromIpAddressString(host));
            }
            // the resolver Vert.x itself uses (hosts file, then the system's name servers), without blocking
            return Future.future(promise -> ((VertxInternal) vertx.getDelegate()).resolveAddress(host, promise));
        }

        private long remainingMillis() {
            return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        }

        /**
         * Closes the connection. The failures that follow (stream reset) are this check's doing, not the target's: the
         * handlers ignore a request that is no longer {@code current}.
         */
        private void quietReset(HttpClientRequest request, HttpClientResponse response) {
            if (current == request) {
                current = null;
            }
            request.reset();
        }

        private void finish(Verdict verdict) {
            if (!done) {
                done = true;
                emitter.complete(verdict);
            }
        }

        private void fail(Throwable failure) {
            if (!done) {
                done = true;
                emitter.fail(failure);
            }
        }

        /** On the deadline's cancellation as on completion: whatever connection is left is closed. */
        void abort() {
            done = true;
            HttpClientRequest request = current;
            current = null;
            if (request != null) {
                try {
                    request.reset();
                } catch (RuntimeException e) {
                    // already closed: nothing left to abort, and the deadline's failure must still go out
                }
            }
        }
    }

    /** {@code https://host:port}, IPv6 addresses in brackets. */
    private static String origin(boolean ssl, String host, int port) {
        return (ssl ? "https" : "http") + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static boolean isIpLiteral(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
    }

    private static String version(HttpClientResponse response) {
        return switch (response.version()) {
            case HTTP_1_0 -> "1.0";
            case HTTP_2 -> "2";
            default -> "1.1";
        };
    }

    /** {@code 64 KiB} for whole kibibytes, else bytes. */
    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
