package org.vigie.worker.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigie.worker.probe.HttpProbeTest.assertVerdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.check.Outcome;

/** Targets that misbehave: each check ends by its deadline or its cap, with the right reason, and slows no other. */
class HostileTargetsTest {

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private static TestServers servers;
    private static ProbeHarness worker;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers();
        worker = new ProbeHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        worker.close();
        servers.close();
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersTimesOutWithWhatWasSeen() {
        Verdict http = worker.check("http://127.0.0.1:" + servers.silent + "/", ONE_SECOND);
        assertVerdict(http, Outcome.DOWN, "timed out after 1 s");
        // connected, never answered: the evidence says how far the check got
        assertThat(http.evidence())
                .containsEntry("address", "127.0.0.1")
                .containsKey("timing.connect")
                .doesNotContainKey("timing.first-byte");
        assertVerdict(
                worker.check("tls://127.0.0.1:" + servers.silent, ONE_SECOND), Outcome.DOWN, "timed out after 1 s");
        assertVerdict(
                worker.check("https://127.0.0.1:" + servers.silent + "/", ONE_SECOND),
                Outcome.DOWN,
                "timed out after 1 s");
    }

    @Test
    void aServerSendingAByteASecondEndsAtTheTimeout() {
        assertVerdict(
                worker.check("http://127.0.0.1:" + servers.byteASecond + "/", Duration.ofSeconds(2)),
                Outcome.DOWN,
                "timed out after 2 s");
    }

    @Test
    void anEndlessBodyIsReadUpToTheCapAndTheConnectionClosed() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        int port = servers.endless(closed);

        Verdict verdict = worker.check("http://127.0.0.1:" + port + "/?contains=needle", Duration.ofSeconds(30));

        assertVerdict(verdict, Outcome.DOWN, "keyword \"needle\" not found in the first 64 KiB");
        assertThat(verdict.evidence().get("body")).startsWith("ok ok").hasSizeLessThanOrEqualTo(Evidence.BODY_EXCERPT);
        await().atMost(Duration.ofSeconds(10)).untilAtomic(closed, Matchers.equalTo(1));

        // found within the cap: up; no body condition: the status answers and the body is never read
        assertVerdict(
                worker.check("http://127.0.0.1:" + port + "/?contains=ok%20ok", Duration.ofSeconds(30)),
                Outcome.UP,
                "HTTP 200");
        assertVerdict(worker.check("http://127.0.0.1:" + port + "/", Duration.ofSeconds(30)), Outcome.UP, "HTTP 200");
        assertVerdict(
                worker.check("http://127.0.0.1:" + port + "/?json=%24.status", Duration.ofSeconds(30)),
                Outcome.DOWN,
                "json $.status: body is larger than 64 KiB");
        await().atMost(Duration.ofSeconds(10)).untilAtomic(closed, Matchers.equalTo(4));
    }

    @Test
    void aPortThatDropsConnectionAttemptsTimesOut() {
        assertVerdict(
                worker.check("http://127.0.0.1:" + servers.fullBacklog + "/", ONE_SECOND),
                Outcome.DOWN,
                "timed out after 1 s");
        assertVerdict(
                worker.check("tcp://127.0.0.1:" + servers.fullBacklog, ONE_SECOND),
                Outcome.DOWN,
                "timed out after 1 s");
        assertVerdict(
                worker.check("tls://127.0.0.1:" + servers.fullBacklog, ONE_SECOND),
                Outcome.DOWN,
                "timed out after 1 s");
    }

    @Test
    void aNameThatDoesNotResolveIsDownForEveryScheme() {
        for (String target : List.of(
                "http://nowhere.invalid/",
                "https://nowhere.invalid/",
                "tls://nowhere.invalid",
                "dns://nowhere.invalid",
                "ping://nowhere.invalid",
                "tcp://nowhere.invalid:80")) {
            assertVerdict(worker.check(target), Outcome.DOWN, "DNS: no such host");
        }
    }

    @Test
    void anIpv6OnlyTargetIsReached() {
        Verdict verdict = worker.check("http://[::1]:" + servers.http6 + "/status/500");
        assertVerdict(verdict, Outcome.DOWN, "HTTP 500");
        assertThat(verdict.evidence()).containsEntry("address", "0:0:0:0:0:0:0:1");
        assertVerdict(worker.check("http://[::1]:" + servers.http6 + "/ok"), Outcome.UP, "HTTP 200");
        assertVerdict(worker.check("tcp://[::1]:" + servers.http6), Outcome.UP, "connected");
    }

    @Test
    void aRedirectLoopIsDownWithinTheLimit() {
        assertVerdict(worker.check(servers.url("/loop")), Outcome.DOWN, "too many redirects (10)");
        Verdict pingPong = worker.check(servers.url("/ping-pong?header.Authorization=Bearer%20secret"));
        assertVerdict(pingPong, Outcome.DOWN, "too many redirects (10)");
        assertThat(pingPong.evidence())
                .containsEntry("headers", "not sent to http://localhost:" + servers.http + ", another origin");
        // a loop bigger than the timeout allows still ends at the deadline
        assertVerdict(
                worker.check(servers.url("/loop?redirects=1000000"), ONE_SECOND), Outcome.DOWN, "timed out after 1 s");
    }

    @Test
    void aBacktrackingRegexEndsAtItsBudgetAndHoldsBackNoOtherCheck() throws Exception {
        // a budget long enough to see other checks come and go while the pattern runs
        try (ProbeHarness budgeted = new ProbeHarness(Map.of("vigie.worker.http.regex-budget", "3s"))) {
            AtomicInteger served = servers.served("/aaa");
            int before = served.get();
            long start = System.nanoTime();
            CompletableFuture<Verdict> backtracking = budgeted.start(
                            servers.url("/aaa?regex=%28a%2B%29%2B%24"), Duration.ofSeconds(30))
                    .subscribeAsCompletionStage();
            // the body is on its way: the search starts as soon as it has arrived
            await().pollInterval(Duration.ofMillis(5))
                    .atMost(Duration.ofSeconds(10))
                    .untilAtomic(served, Matchers.greaterThan(before));

            // as many checks as the client has event loops, and more: one of them shares the search's loop
            List<CompletableFuture<Verdict>> others = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                others.add(budgeted.start(servers.url("/text?regex=v%5Cd%2B"), Duration.ofSeconds(30))
                        .subscribeAsCompletionStage());
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> others.stream().allMatch(CompletableFuture::isDone));
            assertThat(backtracking).isNotDone();
            others.forEach(other -> assertVerdict(other.join(), Outcome.UP, "HTTP 200"));

            Verdict verdict = backtracking.get(10, TimeUnit.SECONDS);
            assertVerdict(verdict, Outcome.DOWN, "condition took too long: regex \"(a+)+$\"");
            assertThat(verdict.evidence().get("body")).startsWith("aaaa");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aRegexTooDeepForTheStackIsDown() {
        assertVerdict(
                worker.check(servers.url("/aaa?regex=%28a%7Caa%29%2B%24")),
                Outcome.DOWN,
                "condition too complex: regex \"(a|aa)+$\"");
        // the pool survives it
        assertVerdict(worker.check(servers.url("/text?regex=v%5Cd%2B")), Outcome.UP, "HTTP 200");
    }

    @Test
    void hangingTargetsNeverHoldBackAGoodOne() {
        List<CompletableFuture<Verdict>> hanging = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String target = switch (i % 4) {
                case 0 -> "http://127.0.0.1:" + servers.silent + "/";
                case 1 -> "http://127.0.0.1:" + servers.byteASecond + "/";
                case 2 -> "tls://127.0.0.1:" + servers.silent;
                default -> "http://127.0.0.1:" + servers.fullBacklog + "/";
            };
            hanging.add(worker.start(target, Duration.ofSeconds(60)).subscribeAsCompletionStage());
        }

        CompletableFuture<Verdict> good =
                worker.start(servers.url("/ok"), Duration.ofSeconds(60)).subscribeAsCompletionStage();

        await().atMost(Duration.ofSeconds(30)).until(good::isDone);
        assertVerdict(good.join(), Outcome.UP, "HTTP 200");
        // the good check came back while every hanging one was still waiting
        assertThat(hanging).noneMatch(CompletableFuture::isDone);
        hanging.forEach(f -> f.cancel(true));
    }
}
