package org.vigie.board.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.Results;
import org.vigie.board.TestData;
import org.vigie.board.notify.service.Deliverer;
import org.vigie.check.Outcome;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Notifications end to end: results turn a service Down and Up through the broker, the outbox is written with the
 * events, and the deliverer sends them to a real HTTP receiver: once per channel, again after failures, once with two
 * deliverers racing, signed.
 */
@QuarkusTest
class NotifyDeliveryTest extends AdminTest {

    static final String SECRET = "webhook-signing-secret-4242";

    @Inject
    Results results;

    @Inject
    Deliverer deliverer;

    @Inject
    NotifyFixtures notify;

    Receiver receiver;

    @BeforeAll
    static void sameThread() {
        Awaitility.pollInSameThread();
    }

    @BeforeEach
    void start() throws Exception {
        notify.clear();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        notify.clear();
    }

    private void send(long id, Outcome outcome) throws Exception {
        results.publish(
                TestData.result(id, outcome, outcome == Outcome.UP ? "HTTP 200" : "connection refused", Instant.now()));
    }

    static long channel(Map<String, Object> body) {
        return api().contentType(ContentType.JSON)
                .body(body)
                .post("/admin/api/v1/notification-channels")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private void deliverUntil(java.util.concurrent.Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    deliverer.deliverDue();
                    return done.call();
                });
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aServiceGoingDownAndUpIsNotifiedOnceEachPerChannel() throws Exception {
        long id = data.service("shop", "https://shop.example.org/");
        data.service("other", "https://other.example.org/");
        channel(Map.of(
                "name",
                "ops webhook",
                "kind",
                "webhook",
                "url",
                receiver.url("/hook"),
                "secret",
                SECRET,
                "headers",
                "X-Team: ops",
                "events",
                List.of("down", "up")));
        channel(Map.of(
                "name", "ops slack",
                "kind", "slack",
                "url", receiver.url("/slack"),
                "events", List.of("down", "up"),
                "services", List.of("shop")));

        send(id, Outcome.DOWN);
        send(id, Outcome.DOWN);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 1);
        send(id, Outcome.UP);
        await().atMost(Duration.ofSeconds(20)).until(() -> data.eventsOf(id).size() == 2);

        deliverUntil(() -> receiver.all().size() >= 4);
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue(); // nothing more is due
        }
        assertThat(receiver.at("/hook")).hasSize(2);
        assertThat(receiver.at("/slack")).hasSize(2);
        assertThat(notify.count("SENT")).isEqualTo(4);

        JsonPath down = JsonPath.from(receiver.at("/hook").get(0).body());
        JsonPath up = JsonPath.from(receiver.at("/hook").get(1).body());
        assertThat(down.getString("kind")).isEqualTo("down");
        assertThat(down.getString("title")).isEqualTo("shop is down");
        assertThat(down.getString("service.slug")).isEqualTo("shop");
        assertThat(down.getString("link")).isEqualTo("https://status.example.org/services/shop");
        assertThat(down.getString("text")).isEqualTo("connection refused");
        assertThat(up.getString("kind")).isEqualTo("up");
        assertThat(up.getString("title")).startsWith("shop is back up after ");
        assertThat(up.getLong("service.outageSeconds")).isGreaterThanOrEqualTo(0);

        // signed with the channel's secret; custom header sent; the delivery id lets the receiver deduplicate
        for (Receiver.Received r : receiver.at("/hook")) {
            assertThat(r.header("X-Vigie-Signature")).isEqualTo("sha256=" + hmac(SECRET, r.body()));
            assertThat(r.header("X-Team")).isEqualTo("ops");
            assertThat(r.header("X-Vigie-Delivery"))
                    .isEqualTo(JsonPath.from(r.body()).getString("id"));
        }
        assertThat(receiver.at("/hook").get(0).header("X-Vigie-Signature"))
                .isNotEqualTo("sha256="
                        + hmac("another secret", receiver.at("/hook").get(0).body()));
        assertThat(JsonPath.from(receiver.at("/slack").get(0).body()).getString("text"))
                .isEqualTo("shop is down");
    }

    @Test
    void aReceiverFailingTwiceGetsItOnceAndTheLogShowsTheRetries() throws Exception {
        long channel = channel(
                Map.of("name", "flaky", "kind", "webhook", "url", receiver.url("/flaky"), "events", List.of("down")));
        receiver.answer("/flaky", 500, 500);
        api().post("/admin/api/v1/notification-channels/" + channel + "/test")
                .then()
                .statusCode(202);

        deliverUntil(() -> notify.count("SENT") == 1);
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
        }
        List<Receiver.Received> got = receiver.at("/flaky");
        assertThat(got).hasSize(3);
        assertThat(got.stream().map(r -> r.header("X-Vigie-Delivery")).distinct())
                .hasSize(1);

        JsonPath log = api().get("/admin/api/v1/notifications").jsonPath();
        assertThat(log.getList("notifications")).hasSize(1);
        assertThat(log.getString("notifications[0].state")).isEqualTo("sent");
        assertThat(log.getInt("notifications[0].attempts")).isEqualTo(3);
        assertThat(log.getList("notifications[0].tries.outcome")).containsExactly("retrying", "retrying", "sent");
        assertThat(log.getList("notifications[0].tries.status")).containsExactly(500, 500, 200);
        assertThat(log.getString("notifications[0].tries[0].body")).contains("receiver says 500");

        String page = org.vigie.board.admin.AdminFixtures.login()
                .given()
                .get("/admin/notifications/log")
                .asString();
        assertThat(page).contains("retrying HTTP 500").contains("sent HTTP 200");
    }

    @Test
    void aReceiverRefusingForGoodIsNotTriedAgain() throws Exception {
        long channel = channel(
                Map.of("name", "gone", "kind", "webhook", "url", receiver.url("/gone"), "events", List.of("down")));
        receiver.answer("/gone", 404);
        api().post("/admin/api/v1/notification-channels/" + channel + "/test")
                .then()
                .statusCode(202);
        deliverUntil(() -> notify.count("FAILED") == 1);
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
        }
        assertThat(receiver.at("/gone")).hasSize(1);
    }

    @Test
    void twoDeliverersRacingDeliverEachNotificationOnce() throws Exception {
        long channel = channel(
                Map.of("name", "race", "kind", "webhook", "url", receiver.url("/race"), "events", List.of("down")));
        for (int i = 0; i < 10; i++) {
            api().post("/admin/api/v1/notification-channels/" + channel + "/test")
                    .then()
                    .statusCode(202);
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Integer>> passes = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    passes.add(two.submit(() -> {
                        start.await();
                        return deliverer.deliverDue();
                    }));
                }
                for (Future<Integer> f : passes) {
                    f.get();
                }
                return notify.count("SENT") == 10;
            });
        } finally {
            two.shutdownNow();
        }
        List<Receiver.Received> got = receiver.at("/race");
        assertThat(got).hasSize(10);
        assertThat(got.stream().map(r -> r.header("X-Vigie-Delivery")).distinct())
                .hasSize(10);
    }

    @Test
    void anEmailChannelSendsThroughItsSmtpServer() throws Exception {
        try (SmtpReceiver smtp = new SmtpReceiver()) {
            long channel = channel(Map.of(
                    "name", "ops mail",
                    "kind", "email",
                    "host", "127.0.0.1",
                    "port", String.valueOf(smtp.port()),
                    "security", "none",
                    "from", "vigie@example.org",
                    "to", "ops@example.org, oncall@example.org",
                    "events", List.of("down")));
            api().post("/admin/api/v1/notification-channels/" + channel + "/test")
                    .then()
                    .statusCode(202);
            deliverUntil(() -> notify.count("SENT") == 1);
            assertThat(smtp.messages()).hasSize(1);
            SmtpReceiver.Message m = smtp.messages().get(0);
            assertThat(m.from()).contains("vigie@example.org");
            assertThat(m.to()).hasSize(2);
            assertThat(m.data()).contains("Subject: [Vigie] Test notification from Vigie");
            assertThat(m.data()).contains("the channel ops mail works");
            JsonPath log = api().get("/admin/api/v1/notifications").jsonPath();
            assertThat(log.getInt("notifications[0].tries[0].status")).isEqualTo(250);
        }
    }
}
