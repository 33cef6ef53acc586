package org.vigie.worker.probe;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.vigie.check.Scheme;
import org.vigie.check.Target;
import org.vigie.worker.config.WorkerConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.WorkerExecutor;
import io.vertx.mutiny.core.Vertx;

/**
 * ICMP echo, through the system's {@code ping} (iputils-ping): {@code count} requests (default 3) 200 ms apart. Down
 * when no reply comes back, or when more than {@code loss} percent (default 50) are lost; a smaller loss is a warning.
 * <p>
 * Why a process: ICMP needs a raw socket (CAP_NET_RAW) or an ICMP datagram socket (the group within
 * {@code net.ipv4.ping_group_range}); iputils' ping uses whichever the host grants, where the JDK's
 * {@code InetAddress.isReachable} silently falls back to TCP port 7 without CAP_NET_RAW. The process is started on the
 * dns pool's threads (fork is blocking) and waited for without blocking; the deadline kills it.
 */
@ApplicationScoped
public class PingProbe implements EvidenceProbe {

    /** More requests than this are not sent, whatever {@code count} says: the check has a timeout anyway. */
    static final int MAX_COUNT = 100;

    static final int DEFAULT_COUNT = 3;
    static final int DEFAULT_LOSS = 50;

    static final String PING_FAILED = "ping failed";
    static final String NOT_PERMITTED = "ping: not permitted (grant CAP_NET_RAW or net.ipv4.ping_group_range)";

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern RTT = Pattern.compile("= [\\d.]+/([\\d.]+)/");
    private static final Pattern ADDRESS = Pattern.compile("^PING \\S+ ?\\(([0-9a-fA-F:.]+)\\)", Pattern.MULTILINE);

    private final String command;
    private final WorkerExecutor starter;

    PingProbe(Vertx vertx, WorkerConfig config) {
        this.command = config.ping().command();
        this.starter = vertx.getDelegate()
                .createSharedWorkerExecutor("vigie-dns", config.dns().systemResolverThreads());
    }

    @Override
    public Set<Scheme> schemes() {
        return Set.of(Scheme.PING);
    }

    @Override
    public Uni<Verdict> probe(Target target, Duration timeout, Evidence evidence) {
        int count = (int) Math.max(1, Math.min(MAX_COUNT, target.count("count").orElse((long) DEFAULT_COUNT)));
        long loss = target.count("loss").orElse((long) DEFAULT_LOSS);
        // ping's own deadline ends before the check's, so that an unanswered ping reports its loss, not a timeout
        long deadlineSeconds = Math.max(1, (timeout.toMillis() - 300) / 1000);
        List<String> args = List.of(
                command,
                "-n",
                "-c",
                String.valueOf(count),
                "-i",
                "0.2",
                "-w",
                String.valueOf(deadlineSeconds),
                target.host());
        AtomicReference<Process> started = new AtomicReference<>();
        return Uni.createFrom()
                .completionStage(() -> starter.<Process>executeBlocking(
                                () -> {
                                    ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
                                    builder.environment().put("LC_ALL", "C");
                                    try {
                                        return builder.start();
                                    } catch (IOException e) {
                                        throw new IllegalStateException(
                                                command + " cannot be run (install iputils-ping): " + e.getMessage());
                                    }
                                },
                                false)
                        .toCompletionStage())
                .invoke(started::set)
                .chain(process -> Uni.createFrom().completionStage(process.onExit()))
                .map(process -> {
                    String output = read(process);
                    return judge(output, process.exitValue(), count, loss, evidence);
                })
                .onTermination()
                .invoke(() -> {
                    Process process = started.get();
                    if (process != null && process.isAlive()) {
                        process.destroyForcibly();
                    }
                });
    }

    /** The exit status and output of ping read into a verdict. */
    static Verdict judge(String output, int exit, int count, long loss, Evidence evidence) {
        Matcher address = ADDRESS.matcher(output);
        if (address.find()) {
            evidence.put("address", address.group(1));
        }
        Matcher summary = SUMMARY.matcher(output);
        if (!summary.find()) {
            return failure(output, evidence.put("ping", lastLines(output)).snapshot());
        }
        int sent = Integer.parseInt(summary.group(1));
        int received = Integer.parseInt(summary.group(2));
        evidence.put("ping", summary.group(0));
        if (received == 0 || sent == 0) {
            return Verdict.down("100% packet loss", "100% packet loss", evidence.snapshot());
        }
        long lostPercent = Math.round(100.0 * (sent - received) / sent);
        Matcher rtt = RTT.matcher(output);
        String average = rtt.find()
                ? new BigDecimal(rtt.group(1)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " ms avg"
                : "no round-trip time";
        // counts and times only: each reason below is public as it is
        String replies = received + "/" + sent + " replies";
        if (lostPercent > loss) {
            String reason = lostPercent + "% packet loss (" + replies + ")";
            return Verdict.down(reason, reason, evidence.snapshot());
        }
        if (received < sent) {
            String reason = replies + ", " + lostPercent + "% packet loss, " + average;
            return Verdict.warning(reason, reason, evidence.snapshot());
        }
        String reason = replies + ", " + average;
        return Verdict.up(reason, reason);
    }

    /** What ping said when it sent nothing: an unknown name, a permission refused. */
    private static Verdict failure(String output, Map<String, String> evidence) {
        String text = output.toLowerCase(Locale.ROOT);
        String reason;
        if (text.contains("name or service not known")
                || text.contains("no address associated")
                || text.contains("temporary failure in name resolution")) {
            reason = Reasons.DNS_NO_SUCH_HOST;
        } else if (text.contains("operation not permitted") || text.contains("permission denied")) {
            reason = NOT_PERMITTED;
        } else if (text.contains("network is unreachable")) {
            reason = Reasons.NETWORK_UNREACHABLE;
        } else {
            String last = lastLines(output);
            // ping's own line names the host
            return Verdict.down(
                    last.isEmpty() ? PING_FAILED : "ping: " + last.replaceFirst("^ping: ", ""), PING_FAILED, evidence);
        }
        return Verdict.down(reason, reason, evidence);
    }

    private static String lastLines(String output) {
        List<String> lines = new ArrayList<>(output.strip().lines().toList());
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.length() > 120 ? last.substring(0, 119) + "…" : last;
    }

    private static String read(Process process) {
        try {
            // the process has exited: its output is all in the pipe, and small (count is capped)
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @PreDestroy
    void close() {
        starter.close();
    }
}
