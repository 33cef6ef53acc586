package org.vigie.board.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Results;
import org.vigie.board.TestData;
import org.vigie.board.result.StoredResult;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Password guessing at full speed, as measured on the old login (bcrypt inside a transaction: the pool ran dry and
 * results stopped being stored): attackers from one address are throttled (429), attackers from ever new addresses
 * with ever new names fill the password-checking queue and are refused (503); meanwhile results published on the
 * broker are stored and the board answers.
 */
@QuarkusTest
class LoginBruteForceTest extends AdminTest {

    @Inject
    Results results;

    private static final Logger LOG = Logger.getLogger(LoginBruteForceTest.class);
    /** More than the database pool's 16 connections: the old login took one per try in flight. */
    private static final int ATTACKERS = 32;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void connect() throws Exception {
        Awaitility.pollInSameThread(); // conditions read through Panache, which needs the test's request context
    }

    @AfterAll
    static void disconnect() {
        Awaitility.reset();
    }

    @Test
    void resultsAreStoredAndTheBoardAnswersWhilePasswordsAreGuessedInParallel() throws Exception {
        long service = data.service("api", "http://127.0.0.1:9/");
        AdminFixtures.LoginForm form = AdminFixtures.loginForm();
        // the first page showing a check's time after a start loads the JVM's time-zone names (seconds on a busy
        // machine): not what is measured here
        CheckResult first = TestData.result(service, Outcome.UP, "HTTP 200", Instant.now());
        results.publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> StoredResult.countForTask(first.taskId()) == 1);
        RestAssured.get("/").then().statusCode(200);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong tries = new AtomicLong();
        ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
        for (int a = 0; a < ATTACKERS; a++) {
            int attacker = a;
            attackers.submit(() -> {
                while (!stop.get()) {
                    long n = tries.incrementAndGet();
                    // half from one address each at the admin's name (throttled), half from a new address and for
                    // a new name every try (a botnet spraying names: every try checks a password)
                    boolean botnet = attacker % 2 == 1;
                    String from = botnet
                            ? "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255)
                            : "198.51.100." + attacker;
                    String name = botnet ? "user-" + n : "admin";
                    HttpRequest post = HttpRequest.newBuilder(URI.create(base + "admin/login"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", "vigie-csrf=" + form.cookie())
                            .header("X-Forwarded-For", from)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "csrf-token=" + form.field() + "&username=" + name + "&password=guess-" + n))
                            .build();
                    try {
                        int status = http.send(post, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        answers.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        try {
            // the botnet half fills the password-checking queue
            await().atMost(Duration.ofSeconds(20)).until(() -> answers.containsKey(503));
            List<CheckResult> published = new ArrayList<>();
            List<Long> boardMillis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                CheckResult result =
                        TestData.result(service, i % 2 == 0 ? Outcome.UP : Outcome.DOWN, "HTTP 200", Instant.now());
                results.publish(result);
                published.add(result);
                long start = System.nanoTime();
                int board = RestAssured.get("/").statusCode(); // a visitor of its own (Apache's client)
                boardMillis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(board).as("the board during the attack").isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> published.stream().allMatch(r -> StoredResult.countForTask(r.taskId()) == 1));
            LOG.infof(
                    "brute force: %d tries, answers %s, %d client errors; the board answered in %s ms",
                    tries.get(), answers, failures.get(), boardMillis);
        } finally {
            stop.set(true);
            attackers.shutdown();
            assertThat(attackers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answers).containsKeys(429, 503);
        assertThat(answers.keySet()).as("answers to guesses").isSubsetOf(303, 429, 503);
        assertThat(failures.get()).as("guesses that got no answer").isZero();
    }
}
