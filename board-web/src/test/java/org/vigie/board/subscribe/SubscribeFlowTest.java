package org.vigie.board.subscribe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.vigie.board.subscribe.SubscribeFixtures.decoded;
import static org.vigie.board.subscribe.SubscribeFixtures.link;
import static org.vigie.board.subscribe.SubscribeFixtures.subscribe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.event.StatusUpdates;
import org.vigie.board.event.StatusUpdates.EventInput;
import org.vigie.board.notify.NotifyFixtures;
import org.vigie.board.notify.Receiver;
import org.vigie.board.notify.SmtpReceiver;
import org.vigie.board.notify.service.Deliverer;
import org.vigie.board.notify.service.Payloads;
import org.vigie.board.subscribe.service.Subscriptions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Visitors' subscriptions end to end, with the real database, the test SMTP server and an HTTP receiver: subscribe
 * by email, the confirmation mail, its link; a webhook with its secret; a published incident gives each subscriber
 * exactly one message; the unsubscribe links delete them and nothing more is sent. And the form's guards: CSRF, the
 * rate limit, bad fields, unconfirmed subscriptions expiring.
 */
@QuarkusTest
class SubscribeFlowTest extends AdminTest {

    @Inject
    SubscribeFixtures subs;

    @Inject
    NotifyFixtures notify;

    @Inject
    Deliverer deliverer;

    @Inject
    Subscriptions subscriptions;

    @Inject
    StatusUpdates updates;

    SmtpReceiver smtp;
    Receiver receiver;

    @BeforeAll
    static void sameThread() {
        Awaitility.pollInSameThread();
    }

    @BeforeEach
    void start() throws Exception {
        subs.clear();
        notify.clear();
        smtp = new SmtpReceiver(SubscribeFixtures.SMTP_PORT);
        receiver = new Receiver();
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        receiver.close();
        subs.clear();
        notify.clear();
    }

    private void deliverUntil(Callable<Boolean> done) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    deliverer.deliverDue();
                    return done.call();
                });
    }

    private long incident(String title, String service) {
        return api().contentType(ContentType.JSON)
                .body(Map.of("title", title, "message", "Looking into it", "services", Map.of(service, "major-outage")))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    @Test
    void subscribersGetOneMessageEachUntilTheyUnsubscribe() throws Exception {
        data.service("shop", "https://shop.example.org/");
        data.service("blog", "https://blog.example.org/");

        // email: the form, then the confirmation mail; nothing is active before its link is followed
        subscribe(Map.of("kind", "email", "email", "ann@example.org"), List.of("shop"))
                .then()
                .statusCode(200)
                .body(containsString("Check your inbox"));
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.messages().size() == 1);
        SmtpReceiver.Message confirmation = smtp.messages().get(0);
        assertThat(confirmation.to()).containsExactly("<ann@example.org>");
        assertThat(decoded(confirmation.data()))
                .contains("Confirm your subscription to")
                .contains("shop");
        assertThat(subs.count("ann@example.org")).isEqualTo(1);
        assertThat(subs.confirmed("ann@example.org")).isZero();
        given().get(link(confirmation.data(), "/subscribe/confirm/"))
                .then()
                .statusCode(200)
                .body(containsString("Subscription confirmed"))
                .body(containsString("shop"));
        assertThat(subs.confirmed("ann@example.org")).isEqualTo(1);

        // webhook: active at once, its secret shown once
        String hook = receiver.url("/visitor");
        String page = subscribe(Map.of("kind", "webhook", "url", hook), List.of())
                .then()
                .statusCode(201)
                .extract()
                .asString();
        String secret = between(page, "<code id=\"secret\">", "</code>");
        String webhookLeave =
                between(page, "<code id=\"unsubscribe-link\">", "</code>").replace("https://status.example.org", "");

        // an incident on a service nobody chose by name still reaches the whole-board webhook, not ann
        incident("Blog slow", "blog");
        // an incident on shop reaches both, once
        incident("Checkout down", "shop");
        deliverUntil(
                () -> smtp.messages().size() == 2 && receiver.at("/visitor").size() == 2);
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
        }
        assertThat(smtp.messages()).hasSize(2);
        assertThat(receiver.at("/visitor")).hasSize(2);
        assertThat(subs.notifications()).isEqualTo(3);
        assertThat(subs.sent()).isEqualTo(3);

        String mail = smtp.messages().get(1).data();
        assertThat(decoded(mail))
                .contains("Incident: Checkout down")
                .contains("https://status.example.org/incidents/")
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                .doesNotContain("Blog slow");
        String leave = link(mail, "/unsubscribe/");
        assertThat(decoded(mail)).contains("List-Unsubscribe: <https://status.example.org" + leave + ">");

        Receiver.Received post = receiver.at("/visitor").get(1);
        assertThat(post.header(Payloads.SIGNATURE)).isEqualTo("sha256=" + Payloads.hmac(secret, post.body()));
        assertThat(post.body())
                .contains("\"kind\":\"incident-opened\"")
                .contains("\"title\":\"Incident: Checkout down\"");
        assertThat(post.header("X-Vigie-Unsubscribe")).isEqualTo("https://status.example.org" + webhookLeave);

        // the unsubscribe page asks; its one click (or a mail program's one-click POST) deletes the row
        given().get(leave).then().statusCode(200).body(containsString("id=\"unsubscribe\""));
        assertThat(subs.count("ann@example.org")).isEqualTo(1);
        given().contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click")
                .post(leave)
                .then()
                .statusCode(200)
                .body(containsString("Unsubscribed"));
        assertThat(subs.count("ann@example.org")).isZero();
        given().post(webhookLeave).then().statusCode(200);
        assertThat(subs.count(hook)).isZero();
        given().post(leave).then().statusCode(404);

        incident("Checkout down again", "shop");
        for (int i = 0; i < 3; i++) {
            deliverer.deliverDue();
        }
        assertThat(subs.notifications()).isZero();
        assertThat(smtp.messages()).hasSize(2);
        assertThat(receiver.at("/visitor")).hasSize(2);
    }

    @Test
    void statusChangesReachSubscribersOnlyWhenTheAdminSaysSo() {
        data.service("shop", "https://shop.example.org/");
        subscribe(Map.of("kind", "webhook", "url", receiver.url("/visitor")), List.of())
                .then()
                .statusCode(201);
        updates.post("shop", new EventInput("down", "connection refused", null, null));
        assertThat(subs.notifications()).isZero();
        // maintenance is news, whatever the setting: its start, and its end (the Up after it)
        updates.post("shop", new EventInput("maintenance", "new disks", null, null));
        updates.post("shop", new EventInput("up", "done", null, null));
        assertThat(subs.kinds()).containsExactly("maintenance-started", "maintenance-ended");
        updates.post("shop", new EventInput("down", "connection refused", null, null));
        assertThat(subs.notifications()).isEqualTo(2);

        AdminFixtures.Session owner = AdminFixtures.login();
        owner.form()
                .formParam("statusChanges", "true")
                .post("/admin/subscribers/settings")
                .then()
                .statusCode(303);
        updates.post("shop", new EventInput("up", "HTTP 200", null, null));
        assertThat(subs.kinds()).containsExactly("maintenance-started", "maintenance-ended", "up");
        owner.given()
                .get("/admin/subscribers")
                .then()
                .statusCode(200)
                .body(containsString("<td id=\"count-webhook\">1</td>"))
                .body(containsString(" checked>"));
        owner.form()
                .formParam("address", receiver.url("/visitor"))
                .post("/admin/subscribers/remove")
                .then()
                .statusCode(303);
        assertThat(subs.count(receiver.url("/visitor"))).isZero();
        // the audit log says what was done, never to whom
        assertThat(admin.audit())
                .extracting(e -> e.summary)
                .contains("removed 1 subscription", "subscribers hear of status changes: on")
                .noneMatch(summary -> summary.contains("127.0.0.1"));
    }

    @Test
    void theFormIsRateLimitedByClientAndByAddress() {
        for (int i = 0; i < 5; i++) {
            subscribe(Map.of("kind", "email", "email", "not-an-address-" + i), List.of())
                    .then()
                    .statusCode(400);
        }
        var refused = subscribe(Map.of("kind", "email", "email", "bob@example.org"), List.of());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isPositive();
        assertThat(refused.asString()).contains("Too many");
        assertThat(subs.count("bob@example.org")).isZero();

        // one address from many clients: held by the address's count
        subs.clear();
        for (int i = 0; i < 5; i++) {
            SubscribeFixtures.form()
                    .header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .formParam("kind", "email")
                    .formParam("email", "carol@example.org")
                    .post("/subscribe")
                    .then()
                    .statusCode(200);
        }
        SubscribeFixtures.form()
                .header("X-Forwarded-For", "203.0.113.99")
                .formParam("kind", "email")
                .formParam("email", "carol@example.org")
                .post("/subscribe")
                .then()
                .statusCode(429);
        // another URL sharing its first 65 characters is another address
        String common = receiver.url("/" + "x".repeat(70));
        for (int i = 0; i < 5; i++) {
            SubscribeFixtures.form()
                    .header("X-Forwarded-For", "198.51.100." + (i + 1))
                    .formParam("kind", "webhook")
                    .formParam("url", common + "/a")
                    .post("/subscribe")
                    .then()
                    .statusCode(201);
        }
        SubscribeFixtures.form()
                .header("X-Forwarded-For", "198.51.100.99")
                .formParam("kind", "webhook")
                .formParam("url", common + "/b")
                .post("/subscribe")
                .then()
                .statusCode(201);
    }

    @Test
    void badFieldsAreRefusedNamingTheField() {
        data.service("shop", "https://shop.example.org/");
        subscribe(Map.of("kind", "email", "email", "ann@example.org\r\nBcc: x@example.org"), List.of())
                .then()
                .statusCode(400)
                .body(containsString("email is not an email address"));
        subscribe(Map.of("kind", "webhook", "url", "ftp://example.org/hook"), List.of())
                .then()
                .statusCode(400)
                .body(containsString("url must be an http:// or https:// address with a host"));
        subscribe(Map.of("kind", "email", "email", "ann@example.org"), List.of("nope"))
                .then()
                .statusCode(400)
                .body(containsString("services: &quot;nope&quot; is not a service of this board"));
        subscribe(Map.of("kind", "pigeon", "email", "ann@example.org"), List.of())
                .then()
                .statusCode(400)
                .body(containsString("kind is email or webhook"));
        // without the form's own token: refused, nothing kept
        given().contentType("application/x-www-form-urlencoded")
                .formParam("kind", "email")
                .formParam("email", "ann@example.org")
                .post("/subscribe")
                .then()
                .statusCode(403);
        given().cookie("vigie-subscribe-csrf", "a".repeat(32))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", "b".repeat(32))
                .formParam("kind", "email")
                .formParam("email", "ann@example.org")
                .post("/subscribe")
                .then()
                .statusCode(403);
        assertThat(subs.count("ann@example.org")).isZero();
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void thePagesSpeakTheVisitorsLanguage() {
        data.service("shop", "https://shop.example.org/");
        given().get("/services/shop?lang=fr")
                .then()
                .statusCode(200)
                .body(containsString("<a class=\"subscribe\" href=\"/subscribe\">S’abonner</a>"))
                .body(containsString("href=\"/subscribe?service=shop\">S’abonner à shop</a>"));
        given().header("Accept-Language", "fr")
                .get("/subscribe")
                .then()
                .statusCode(200)
                .body(containsString("S’abonner aux nouvelles"))
                .body(containsString("Aucun coché : tout le tableau."));
        given().header("Accept-Language", "fr")
                .get("/unsubscribe/" + "x".repeat(43))
                .then()
                .statusCode(404)
                .body(containsString("Lien inconnu ou expiré"));
    }

    @Test
    void unconfirmedSubscriptionsExpire() {
        subscribe(Map.of("kind", "email", "email", "dan@example.org"), List.of())
                .then()
                .statusCode(200);
        subscribe(Map.of("kind", "email", "email", "eve@example.org"), List.of())
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.messages().size() == 2);
        String danLink = link(
                smtp.messages().stream()
                        .filter(m -> m.to().contains("<dan@example.org>"))
                        .findFirst()
                        .orElseThrow()
                        .data(),
                "/subscribe/confirm/");
        assertThat(subscriptions.sweep()).isZero();
        subs.backdate(Duration.ofHours(49));
        // a link followed too late: refused, and the row goes
        given().get(danLink).then().statusCode(404).body(containsString("unknown or has expired"));
        assertThat(subs.count("dan@example.org")).isZero();
        assertThat(subscriptions.sweep()).isEqualTo(1);
        assertThat(subs.count("eve@example.org")).isZero();
    }

    private static String between(String text, String before, String after) {
        Matcher m = Pattern.compile(Pattern.quote(before) + "(.*?)" + Pattern.quote(after))
                .matcher(text);
        assertThat(m.find()).as("%s in the page", before).isTrue();
        return m.group(1);
    }
}
