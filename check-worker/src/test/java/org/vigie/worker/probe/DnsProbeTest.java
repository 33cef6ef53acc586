package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.worker.probe.HttpProbeTest.assertVerdict;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.check.Outcome;

/** dns checks: the system resolver (hosts file) and a name server given as {@code server}, started by the test. */
class DnsProbeTest {

    private static ProbeHarness worker;
    private static TestDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        worker = new ProbeHarness();
        dns = new TestDnsServer();
    }

    @AfterAll
    static void stop() {
        worker.close();
        dns.close();
    }

    @Test
    void theSystemResolverReadsTheHostsFile() {
        Verdict verdict = worker.check("dns://localhost");
        assertVerdict(verdict, Outcome.UP, "resolved 127.0.0.1");
        assertThat(verdict.evidence()).containsEntry("address", "127.0.0.1").containsKey("timing.dns");
        assertVerdict(worker.check("dns://localhost?expect=127.0.0.1"), Outcome.UP, "resolved 127.0.0.1");
        Verdict other = worker.check("dns://localhost?expect=5.6.7.8");
        assertVerdict(other, Outcome.DOWN, "resolved 127.0.0.1, expected 5.6.7.8");
        assertThat(other.evidence()).containsEntry("address", "127.0.0.1");
        // the hosts file of this machine has no IPv6 line for localhost
        assertVerdict(worker.check("dns://localhost?type=AAAA"), Outcome.DOWN, "DNS: no AAAA record");
        assertVerdict(worker.check("dns://nowhere.invalid"), Outcome.DOWN, "DNS: no such host");
    }

    @Test
    void aGivenServerIsAskedDirectly() {
        String server = "&server=127.0.0.1:" + dns.port();
        assertVerdict(worker.check("dns://up.vigie.test?type=A" + server), Outcome.UP, "resolved 192.0.2.10");
        assertVerdict(
                worker.check("dns://up.vigie.test?type=AAAA&expect=2001:db8::10" + server),
                Outcome.UP,
                "resolved 2001:db8:0:0:0:0:0:10");
        assertVerdict(
                worker.check("dns://up.vigie.test?expect=192.0.2.99" + server),
                Outcome.DOWN,
                "resolved 192.0.2.10, expected 192.0.2.99");
        assertVerdict(worker.check("dns://v4only.vigie.test?type=AAAA" + server), Outcome.DOWN, "DNS: no AAAA record");
        assertVerdict(
                worker.check("dns://nowhere.vigie.test?" + server.substring(1)), Outcome.DOWN, "DNS: no such host");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        assertVerdict(
                worker.check("dns://silent.vigie.test?server=127.0.0.1:" + dns.port(), Duration.ofSeconds(1)),
                Outcome.DOWN,
                "timed out after 1 s");
    }

    /**
     * A name server for the tests: up.vigie.test has A 192.0.2.10 and AAAA 2001:db8::10, v4only.vigie.test only the A,
     * silent.vigie.test never gets an answer, every other name is NXDOMAIN.
     */
    static final class TestDnsServer implements AutoCloseable {

        private final DatagramSocket socket;
        private final Thread thread;

        TestDnsServer() throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = Thread.ofPlatform().daemon().name("test-dns").start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] in = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket query = new DatagramPacket(in, in.length);
                    socket.receive(query);
                    byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                    if (answer != null) {
                        socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                    }
                } catch (Exception e) {
                    // closed, or a query we cannot read: the next one
                }
            }
        }

        private static byte[] answer(ByteBuffer query) throws Exception {
            short id = query.getShort(0);
            int pos = 12;
            StringBuilder name = new StringBuilder();
            while (query.get(pos) != 0) {
                int length = query.get(pos);
                name.append(name.isEmpty() ? "" : ".").append(new String(query.array(), pos + 1, length, "US-ASCII"));
                pos += length + 1;
            }
            int questionEnd = pos + 5;
            int type = query.getShort(pos + 1);
            String host = name.toString().toLowerCase();
            if (host.equals("silent.vigie.test")) {
                return null;
            }
            byte[] address = null;
            boolean known = host.equals("up.vigie.test") || host.equals("v4only.vigie.test");
            if (type == 1 && known) {
                address = InetAddress.getByName("192.0.2.10").getAddress();
            } else if (type == 28 && host.equals("up.vigie.test")) {
                address = InetAddress.getByName("2001:db8::10").getAddress();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer header = ByteBuffer.allocate(12);
            header.putShort(id)
                    .putShort((short) (0x8180 | (known ? 0 : 3)))
                    .putShort((short) 1)
                    .putShort((short) (address == null ? 0 : 1))
                    .putShort((short) 0)
                    .putShort((short) 0);
            out.write(header.array());
            out.write(query.array(), 12, questionEnd - 12);
            if (address != null) {
                ByteBuffer record = ByteBuffer.allocate(12 + address.length);
                record.putShort((short) 0xC00C)
                        .putShort((short) type)
                        .putShort((short) 1)
                        .putInt(60)
                        .putShort((short) address.length)
                        .put(address);
                out.write(record.array());
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            socket.close();
            thread.interrupt();
        }
    }
}
