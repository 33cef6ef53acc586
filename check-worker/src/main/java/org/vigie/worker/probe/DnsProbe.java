package org.vigie.worker.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.core.Vertx;

/**
 * DNS: resolves the host's A (default) or AAAA records. Without {@code server}, through the system resolver, as every
 * other program on the host would (hosts file, then the name servers of resolv.conf); it blocks, so it runs on a small
 * pool of its own ({@code vigie.worker.dns.system-resolver-threads}), never on the event loop. The JVM caches its
 * answers (30 s, negative 10 s: {@code networkaddress.cache.ttl}). With {@code server=host[:port]}, one query straight
 * to that name server, not cached. {@code expect} is an address that must be among the answers.
 */
@ApplicationScoped
public class DnsProbe implements EvidenceProbe {

    private final Vertx vertx;
    private final WorkerExecutor systemResolver;

    DnsProbe(Vertx vertx, WorkerConfig config) {
        this.vertx = vertx;
        this.systemResolver = vertx.getDelegate()
                .createSharedWorkerExecutor(
                        "vigie-dns",
                        config.dns().systemResolverThreads(),
                        config.maxProbeTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.DNS);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence) {
        boolean v6 = target.text("type").orElse("A").equals("AAAA");
        Future<List<String>> answers = target.text("server").isPresent()
                ? askServer(target.host(), v6, target.text("server").get(), timeout)
                : askSystem(target.host(), v6);
        long start = System.nanoTime();
        return Uni.createFrom().completionStage(answers.toCompletionStage()).map(addresses -> {
            evidence.timing("dns", start);
            return judge(target, v6, addresses, evidence);
        });
    }

    private Verdict judge(Target target, boolean v6, List<String> addresses, Evidence evidence) {
        if (addresses.isEmpty()) {
            String reason = v6 ? "DNS: no AAAA record" : "DNS: no A record";
            return Verdict.down(reason, reason);
        }
        String shown = String.join(", ", addresses.size() > 8 ? addresses.subList(0, 8) : addresses);
        evidence.put("address", shown);
        Optional<String> expect = target.text("expect");
        if (expect.isPresent() && addresses.stream().noneMatch(a -> sameAddress(a, expect.get()))) {
            return Verdict.down(
                    "resolved " + shown + ", expected " + expect.get(),
                    Reasons.DNS_ANSWER_DID_NOT_MATCH,
                    evidence.snapshot());
        }
        return Verdict.up("resolved " + shown, Reasons.UP);
    }

    /** The system resolver, on its own threads; both families are asked, then the wanted one kept. */
    private Future<List<String>> askSystem(String host, boolean v6) {
        return systemResolver.executeBlocking(
                () -> {
                    InetAddress[] all;
                    try {
                        all = InetAddress.getAllByName(host);
                    } catch (UnknownHostException e) {
                        throw new UnknownHostException(host);
                    }
                    return Arrays.stream(all)
                            .filter(a -> v6 ? a instanceof Inet6Address : a instanceof Inet4Address)
                            .map(InetAddress::getHostAddress)
                            .distinct()
                            .toList();
                },
                false);
    }

    /** One query to {@code server}; NXDOMAIN is "no such host", an empty answer "no A record". */
    private Future<List<String>> askServer(String host, boolean v6, String server, Duration timeout) {
        String serverHost = server;
        int port = 53;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            serverHost = server.substring(1, close);
            if (server.length() > close + 1) {
                port = Integer.parseInt(server.substring(close + 2));
            }
        } else if (server.indexOf(':') >= 0) {
            serverHost = server.substring(0, server.lastIndexOf(':'));
            port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
        }
        int serverPort = port;
        String name = serverHost;
        // the client wants an address: a server given by name is resolved first, without blocking
        Future<String> address = HttpProbe.isIpLiteral(name)
                ? Future.succeededFuture(name)
                : Future.<InetAddress>future(p -> ((VertxInternal) vertx.getDelegate()).resolveAddress(name, p))
                        .map(InetAddress::getHostAddress);
        return address.compose(ip -> {
            DnsClient client = vertx.getDelegate()
                    .createDnsClient(new DnsClientOptions()
                            .setHost(ip)
                            .setPort(serverPort)
                            .setQueryTimeout(Math.max(1, timeout.toMillis()))
                            .setRecursionDesired(true));
            Future<List<String>> answer = v6 ? client.resolveAAAA(host) : client.resolveA(host);
            return answer.recover(failure -> Future.failedFuture(translate(failure, host, timeout)))
                    .andThen(done -> client.close());
        });
    }

    private static Throwable translate(Throwable failure, String host, Duration timeout) {
        if (failure instanceof DnsException dns && dns.code() == DnsResponseCode.NXDOMAIN) {
            return new UnknownHostException(host);
        }
        if (failure instanceof DnsException dns) {
            // the response code's name (SERVFAIL, REFUSED): public as it is
            return new Conversation.Unexpected("DNS: " + dns.code().name());
        }
        String message =
                failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("timeout") || message.contains("timed out")) {
            return new ProbeTimeoutException(timeout);
        }
        return failure;
    }

    private static boolean sameAddress(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (!HttpProbe.isIpLiteral(a) || !HttpProbe.isIpLiteral(b)) {
            return false;
        }
        return NetUtil.createInetAddressFromIpAddressString(a).equals(NetUtil.createInetAddressFromIpAddressString(b));
    }

    @PreDestroy
    void close() {
        systemResolver.close();
    }
}
