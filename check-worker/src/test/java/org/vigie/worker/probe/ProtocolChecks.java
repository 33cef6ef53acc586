package org.vigie.worker.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.vigie.check.Target;

import io.smallrye.mutiny.Uni;

/**
 * Runs one of the protocol probes as the worker does (hard deadline, failures turned into DOWN verdicts with the
 * evidence gathered), without the application context.
 */
final class ProtocolChecks {

    private ProtocolChecks() {}

    static Verdict check(EvidenceProbe probe, String target, Duration timeout) {
        Target parsed = Target.parse(target);
        Evidence evidence = new Evidence();
        return Uni.createFrom()
                .deferred(() -> probe.probe(parsed, timeout, evidence))
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new ProbeTimeoutException(timeout))
                .onFailure()
                .recoverWithItem(failure -> Reasons.down(failure, timeout, evidence.snapshot()))
                .await()
                .atMost(timeout.plusSeconds(10));
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
