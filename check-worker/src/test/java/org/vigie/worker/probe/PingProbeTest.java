package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.worker.probe.HttpProbeTest.assertVerdict;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.check.Outcome;

/**
 * ping checks with the system's ping (iputils-ping must be installed). No reply at all is made real with a test
 * network namespace whose kernel ignores echo requests; that needs root and iproute2, and is skipped without them.
 */
class PingProbeTest {

    private static ProbeHarness worker;

    @BeforeAll
    static void start() {
        worker = new ProbeHarness();
    }

    @AfterAll
    static void stop() {
        worker.close();
    }

    @Test
    void loopbackAnswersEveryRequest() {
        Verdict v4 = worker.check("ping://127.0.0.1");
        assertThat(v4.outcome()).as("%s", v4).isEqualTo(Outcome.UP);
        assertThat(v4.reason()).matches("3/3 replies, \\d+\\.\\d ms avg");
        Verdict v6 = worker.check("ping://[::1]?count=2");
        assertThat(v6.outcome()).as("%s", v6).isEqualTo(Outcome.UP);
        assertThat(v6.reason()).matches("2/2 replies, \\d+\\.\\d ms avg");
    }

    @Test
    void aNameThatDoesNotResolveIsDown() {
        assertVerdict(worker.check("ping://nowhere.invalid"), Outcome.DOWN, "DNS: no such host");
    }

    @Test
    void aHostThatNeverRepliesIsDownWithItsLoss() throws Exception {
        String ns = "vigie-ping-" + ProcessHandle.current().pid();
        boolean made = run("ip", "netns", "add", ns);
        Assumptions.assumeTrue(made, "creating a network namespace needs root and iproute2");
        try {
            String veth = "vp" + (ProcessHandle.current().pid() % 100000);
            // a link to a namespace whose kernel ignores echo requests: packets sent, never answered
            assertThat(run("ip", "link", "add", veth, "type", "veth", "peer", "name", "in0", "netns", ns))
                    .isTrue();
            assertThat(run("ip", "addr", "add", "169.254.77.1/30", "dev", veth)).isTrue();
            assertThat(run("ip", "link", "set", veth, "up")).isTrue();
            assertThat(run("ip", "-n", ns, "addr", "add", "169.254.77.2/30", "dev", "in0"))
                    .isTrue();
            assertThat(run("ip", "-n", ns, "link", "set", "in0", "up")).isTrue();
            assertThat(worker.check("ping://169.254.77.2?count=2").outcome())
                    .as("reachable before echo is ignored")
                    .isEqualTo(Outcome.UP);
            assertThat(run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.icmp_echo_ignore_all=1"))
                    .isTrue();

            Verdict verdict = worker.check("ping://169.254.77.2?count=2", Duration.ofSeconds(3));
            assertVerdict(verdict, Outcome.DOWN, "100% packet loss");
            assertThat(verdict.evidence())
                    .containsEntry("address", "169.254.77.2")
                    .containsKey("ping");
            run("ip", "link", "del", veth);
        } finally {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    void lossWithinTheThresholdIsAWarningAndBeyondItDown() {
        String partial = """
                PING 192.0.2.1 (192.0.2.1) 56(84) bytes of data.
                64 bytes from 192.0.2.1: icmp_seq=1 ttl=64 time=0.5 ms

                --- 192.0.2.1 ping statistics ---
                3 packets transmitted, 2 received, 33% packet loss, time 405ms
                rtt min/avg/max/mdev = 0.035/0.117/0.279/0.114 ms
                """;
        assertVerdict(
                PingProbe.judge(partial, 1, 3, 50, new Evidence()),
                Outcome.WARNING,
                "2/3 replies, 33% packet loss, 0.1 ms avg");
        assertVerdict(
                PingProbe.judge(partial, 1, 3, 20, new Evidence()), Outcome.DOWN, "33% packet loss (2/3 replies)");
        assertVerdict(
                PingProbe.judge("ping: socket: Operation not permitted\n", 2, 3, 50, new Evidence()),
                Outcome.DOWN,
                "ping: not permitted (grant CAP_NET_RAW or net.ipv4.ping_group_range)");
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }
}
