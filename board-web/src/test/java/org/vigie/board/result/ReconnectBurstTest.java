package org.vigie.board.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.board.Results;
import org.vigie.board.TestData;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The broker drops board-web's consuming connection while results pile up: after the reconnect the RabbitMQ client
 * resumes its consumer regardless of demand and a whole prefetch (vigie.results.prefetch) arrives at once. The result
 * stream must take it (the connector's hand-over queue held 256, and the stream used to end with a
 * BackPressureFailure) and store every result.
 */
@QuarkusTest
class ReconnectBurstTest {

    @Inject
    TestData data;

    @Inject
    Results results;

    @Inject
    ResultIntake intake;

    @BeforeAll
    static void connect() throws Exception {
        Awaitility.pollInSameThread();
    }

    @Test
    void aReconnectWithAFullPrefetchWaitingKeepsTheStreamAlive() throws Exception {
        data.clear();
        long service = data.service("burst", "http://127.0.0.1:9/");
        List<String> first = publish(service, 10);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(first) == first.size());

        // a backlog of several prefetches in a moment, then the drop: the reconnect finds more than a prefetch waiting
        List<String> backlog = publish(service, 6_000);
        closeConsumerConnection();

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stored(backlog) == backlog.size());
        assertThat(intake.deadReason()).isNull();
    }

    private List<String> publish(long service, int count) throws Exception {
        List<CheckResult> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(TestData.result(service, Outcome.UP, "HTTP 200", Instant.now()));
        }
        results.publishAll(batch);
        return batch.stream().map(CheckResult::taskId).toList();
    }

    private long stored(List<String> taskIds) {
        return QuarkusTransaction.requiringNew().call(() -> StoredResult.count("taskId in ?1", taskIds));
    }

    /**
     * What a broker restart does to board-web's consumer, without disturbing other connections: this JVM's connection
     * named "check-results (Incoming)" (the connector's name for it), found by its local port, since another test JVM
     * on the machine may hold one of the same name.
     */
    private static void closeConsumerConnection() throws IOException, InterruptedException {
        Set<String> ours = new HashSet<>();
        String mine = "pid=" + ProcessHandle.current().pid() + ",";
        for (String line : run("ss", "-Htnp", "dst", "127.0.0.1:5672").split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (line.contains(mine) && cols.length > 3) {
                ours.add(cols[3].substring(cols[3].lastIndexOf(':') + 1));
            }
        }
        String pid = null;
        for (String line : run("rabbitmqctl", "list_connections", "-q", "pid", "peer_port", "client_properties")
                .split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length > 2 && ours.contains(cols[1]) && cols[2].contains("check-results (Incoming)")) {
                pid = cols[0];
            }
        }
        assertThat(pid)
                .as("this JVM's consuming connection, among local ports " + ours)
                .isNotNull();
        run("rabbitmqctl", "close_connection", pid, "test: the broker drops the consumer");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
