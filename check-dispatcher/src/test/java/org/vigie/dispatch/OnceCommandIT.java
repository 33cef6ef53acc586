package org.vigie.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Launches the packaged jar as cron would: exit codes, and exactly one line on stdout (a pass) or on stderr (a
 * failure). Runs with the test profile, so it uses the test database and the test exchange and queues.
 */
class OnceCommandIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String TEST_QUEUE = "vigie-test-dispatcher.check-tasks";

    record Run(int exitCode, List<String> out, List<String> err, Duration took) {}

    @BeforeAll
    static void schema() {
        TestDatabase.migrateOnce();
    }

    @BeforeEach
    void empty() throws Exception {
        TestDatabase.clear();
    }

    @Test
    void oncePrintsOneSummaryLineAndExitsZero() throws Exception {
        Instant past = Instant.now().minusSeconds(10);
        long good = TestDatabase.insertService("good", "https://good.example", 60, past);
        TestDatabase.insertService("bad", "gopher://old.example", 60, past);
        try (TaskQueue queue = new TaskQueue("localhost", 5672, TEST_QUEUE)) {
            queue.purge();

            Run run = launch(List.of(), "once");

            assertThat(run.err()).isEmpty();
            assertThat(run.out())
                    .singleElement()
                    .asString()
                    .matches("dispatched 1 check, 1 skipped \\(bad connection string\\) in \\d+ ms");
            assertThat(run.exitCode()).isZero();
            assertThat(queue.takeExactly(1))
                    .extracting(TaskQueue.Received::serviceId)
                    .containsExactly(good);
        }
    }

    @Test
    void unknownArgumentsPrintTheUsageAndExitTwo() throws Exception {
        Run run = launch(List.of(), "once", "--everything");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).containsExactly("usage: vigie-dispatcher once [--all] | run");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitThree() throws Exception {
        Run run = launch(
                List.of(
                        "-Dquarkus.datasource.jdbc.url=jdbc:mysql://127.0.0.1:1/vigie_dispatcher_test?connectTimeout=2000"),
                "once");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err())
                .singleElement()
                .asString()
                .startsWith(
                        "vigie-dispatcher: cannot reach the database at jdbc:mysql://127.0.0.1:1/vigie_dispatcher_test: ")
                .doesNotContain("connectTimeout");
        assertThat(run.out()).isEmpty();
        assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitFour() throws Exception {
        Run run = launch(List.of("-Drabbitmq-port=1"), "once");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err())
                .containsExactly("vigie-dispatcher: cannot reach the broker at localhost:1: Connection refused");
        assertThat(run.out()).isEmpty();
        assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void productionRefusesTheDefaultPasswordsInOneLine() throws Exception {
        // the prod profile has no database password: the operator's own, or nothing starts
        Run unset = launch(List.of("-Dquarkus.profile=prod"), "once");

        assertThat(unset.exitCode()).isNotZero();
        assertThat(unset.err())
                .containsExactly("vigie: not starting: quarkus.datasource.password (env QUARKUS_DATASOURCE_PASSWORD) is"
                        + " not set; production needs a secret of your own there (docs/security.md)");
        assertThat(unset.out()).isEmpty();

        Run guest = launch(
                List.of(
                        "-Dquarkus.profile=prod",
                        "-Dquarkus.datasource.password=s3cret-db",
                        "-Drabbitmq-password=guest"),
                "once");

        assertThat(guest.exitCode()).isNotZero();
        assertThat(guest.err())
                .containsExactly("vigie: not starting: rabbitmq-password (env RABBITMQ_PASSWORD) is a well-known"
                        + " default; production needs a secret of your own there (docs/security.md)");
    }

    private static Run launch(List<String> properties, String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the packaged dispatcher").exists();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dquarkus.profile=test"));
        command.addAll(properties);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("dispatcher-out", ".txt");
        Path err = Files.createTempFile("dispatcher-err", ".txt");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the dispatcher did not exit within 60 s");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Run(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err), took);
    }
}
