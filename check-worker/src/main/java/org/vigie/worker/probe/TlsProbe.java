package org.vigie.worker.probe;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.netty.util.NetUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;

/**
 * TLS: resolves, connects, then upgrades the connection to TLS (so that connect and handshake are timed apart), sends
 * {@code sni} (default: the host, when it is a name) and judges the certificate ({@link Certificates}): DOWN when
 * expired, untrusted or for another name than {@code sni} or the host, WARNING within {@code cert-days}. Sends nothing
 * after the handshake.
 */
@ApplicationScoped
public class TlsProbe implements EvidenceProbe {

    private final Vertx vertx;
    private final NetClient client;
    private final Certificates certificates;

    TlsProbe(Vertx vertx, WorkerConfig config, Certificates certificates) {
        this.vertx = vertx;
        this.certificates = certificates;
        NetClientOptions options = new NetClientOptions()
                // plain at first: the handshake is an upgrade, timed on its own
                .setSsl(false)
                // every certificate passes the handshake; Certificates judges it afterwards
                .setTrustAll(true)
                .setHostnameVerificationAlgorithm("")
                .setConnectTimeout((int)
                        Math.min(Integer.MAX_VALUE, config.maxProbeTimeout().toMillis()))
                .setReconnectAttempts(0);
        this.client = vertx.getDelegate().createNetClient(options);
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.TLS);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence) {
        String host = target.host();
        String serverName = target.text("sni").orElse(HttpProbe.isIpLiteral(host) ? null : host);
        AtomicReference<NetSocket> socket = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        long dnsStart = System.nanoTime();
        Future<Verdict> verdict = resolve(host)
                .compose(address -> {
                    if (!HttpProbe.isIpLiteral(host)) {
                        evidence.timing("dns", dnsStart);
                    }
                    evidence.put("address", address.getHostAddress());
                    long connectStart = System.nanoTime();
                    return client.connect(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                            .onSuccess(s -> evidence.timing("connect", connectStart));
                })
                .compose(s -> {
                    socket.set(s);
                    if (cancelled.get()) {
                        // connected after the deadline: no handshake
                        return Future.failedFuture(new ProbeTimeoutException(timeout));
                    }
                    long tlsStart = System.nanoTime();
                    Future<Void> handshake = serverName == null ? s.upgradeToSsl() : s.upgradeToSsl(serverName);
                    return handshake.map(v -> {
                        evidence.timing("tls", tlsStart);
                        return judge(s, serverName == null ? host : serverName, target, evidence);
                    });
                })
                .andThen(done -> close(socket.get()));
        return Uni.createFrom()
                .completionStage(verdict.toCompletionStage())
                // the deadline cancels: the connection (or the attempt's result) is closed
                .onCancellation()
                .invoke(() -> {
                    cancelled.set(true);
                    close(socket.get());
                });
    }

    private Verdict judge(NetSocket socket, String name, Target target, Evidence evidence) {
        List<Certificate> chain;
        try {
            chain = socket.peerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Verdict.down("TLS: no certificate", Reasons.CERTIFICATE_INVALID);
        }
        Instant now = Instant.now();
        Verdict verdict = certificates.judge(chain, name, target, evidence, now);
        if (verdict != null) {
            return verdict;
        }
        X509Certificate leaf = (X509Certificate) chain.get(0);
        String protocol =
                socket.sslSession() == null ? "TLS" : socket.sslSession().getProtocol();
        // the protocol and a number of days: public as it is
        String reason = protocol + ", certificate expires in " + Certificates.daysLeft(leaf, now);
        return Verdict.up(reason, reason);
    }

    private Future<InetAddress> resolve(String host) {
        if (HttpProbe.isIpLiteral(host)) {
            return Future.succeededFuture(NetUtil.createInetAddressFromIpAddressString(host));
        }
        return Future.future(promise -> ((VertxInternal) vertx.getDelegate()).resolveAddress(host, promise));
    }

    private static void close(NetSocket socket) {
        if (socket != null) {
            socket.close();
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
