package org.vigie.board.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.notify.service.Deliverer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A channel's rate limit holds for all deliverers together (two racing here, as two board-webs would): the excess
 * waits, throttled and shown so in the log, and goes once the minute has passed; none is dropped.
 */
@QuarkusTest
class NotifyRateLimitTest extends AdminTest {

    @Inject
    Deliverer deliverer;

    @Inject
    NotifyFixtures notify;

    Receiver receiver;

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

    @Test
    void twoDeliverersTogetherSendNoMoreThanTheChannelsRate() throws Exception {
        long channel = NotifyDeliveryTest.channel(Map.of(
                "name",
                "chat",
                "kind",
                "webhook",
                "url",
                receiver.url("/chat"),
                "events",
                List.of("down"),
                "ratePerMinute",
                "3"));
        for (int i = 0; i < 7; i++) {
            api().post("/admin/api/v1/notification-channels/" + channel + "/test")
                    .then()
                    .statusCode(202);
        }
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int pass = 0; pass < 4; pass++) {
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
            }
        } finally {
            two.shutdownNow();
        }
        assertThat(receiver.at("/chat")).hasSize(3);
        assertThat(notify.count("SENT")).isEqualTo(3);
        assertThat(notify.count("THROTTLED")).isEqualTo(4);

        JsonPath log = api().get("/admin/api/v1/notifications?state=throttled").jsonPath();
        assertThat(log.getList("notifications")).hasSize(4);
        assertThat(log.getList("notifications.attempts")).containsOnly(0);
        String page = org.vigie.board.admin.AdminFixtures.login()
                .given()
                .get("/admin/notifications/log")
                .asString();
        assertThat(page).contains("throttled (next ");

        // a minute later the next three go, then the last one
        notify.minuteLater();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            deliverer.deliverDue();
            return notify.count("SENT") == 6;
        });
        deliverer.deliverDue();
        assertThat(receiver.at("/chat")).hasSize(6);
        notify.minuteLater();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            deliverer.deliverDue();
            return notify.count("SENT") == 7;
        });
        assertThat(receiver.at("/chat").stream()
                        .map(r -> r.header("X-Vigie-Delivery"))
                        .distinct())
                .hasSize(7);
    }

    @Test
    void theRateIsAChannelSettingWithinBounds() {
        long channel = NotifyDeliveryTest.channel(
                Map.of("name", "chat", "kind", "webhook", "url", receiver.url("/chat"), "events", List.of("down")));
        assertThat(api().get("/admin/api/v1/notification-channels/" + channel)
                        .jsonPath()
                        .getString("ratePerMinute"))
                .isNull();
        api().contentType(ContentType.JSON)
                .body(Map.of("ratePerMinute", "0"))
                .post("/admin/api/v1/notification-channels/" + channel)
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.containsString("ratePerMinute must be between 1 and 600"));
        api().contentType(ContentType.JSON)
                .body(Map.of("ratePerMinute", "12"))
                .post("/admin/api/v1/notification-channels/" + channel)
                .then()
                .statusCode(200)
                .body("ratePerMinute", org.hamcrest.Matchers.equalTo(12));
    }
}
