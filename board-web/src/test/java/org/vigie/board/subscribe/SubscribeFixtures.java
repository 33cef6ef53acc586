package org.vigie.board.subscribe;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.vigie.board.notify.DeliveryState;
import org.vigie.board.notify.Notification;
import org.vigie.board.subscribe.service.SubscribeLimits;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The subscriptions' tables and rate limit, emptied between tests; the form as a browser posts it. */
@ApplicationScoped
public class SubscribeFixtures {

    /** The test profile's SMTP port for visitors' mail ({@code %test.vigie.subscribe.smtp.port}). */
    public static final int SMTP_PORT = 25259;

    private final EntityManager em;
    private final SubscribeLimits limits;

    public SubscribeFixtures(EntityManager em, SubscribeLimits limits) {
        this.em = em;
        this.limits = limits;
    }

    @Transactional
    public void clear() {
        em.createNativeQuery("delete from subscriptions").executeUpdate(); // with their notifications
        em.createNativeQuery("update subscriber_settings set status_changes = false")
                .executeUpdate();
        limits.clear();
    }

    @Transactional
    public long count(String address) {
        return Subscription.count("address", address);
    }

    @Transactional
    public long confirmed(String address) {
        return Subscription.count("address = ?1 and confirmedAt is not null", address);
    }

    /** The notifications written for subscribers, and those sent. */
    @Transactional
    public long notifications() {
        return Notification.count("subscriptionId is not null");
    }

    /** The kinds of the notifications written for subscribers, oldest first. */
    @Transactional
    public List<String> kinds() {
        return Notification.<Notification>list("subscriptionId is not null order by id").stream()
                .map(n -> n.kind.slug())
                .toList();
    }

    @Transactional
    public long sent() {
        return Notification.count("subscriptionId is not null and state = ?1", DeliveryState.SENT);
    }

    /** Moves every subscription's creation back in time. */
    @Transactional
    public void backdate(Duration by) {
        em.createNativeQuery(
                        "update subscriptions set created_at = created_at - interval " + by.toSeconds() + " second")
                .executeUpdate();
    }

    /** The subscribe form's page: its CSRF cookie, which the hidden field repeats. */
    public static String csrf() {
        Response page = given().get("/subscribe");
        String cookie = page.getCookie("vigie-subscribe-csrf");
        if (page.statusCode() != 200 || cookie == null || !page.asString().contains("value=\"" + cookie + "\"")) {
            throw new AssertionError("/subscribe: " + page.statusCode() + ", cookie " + cookie);
        }
        return cookie;
    }

    /** A post of the subscribe form, with a fresh CSRF cookie and field. */
    public static RequestSpecification form() {
        String csrf = csrf();
        return given().redirects()
                .follow(false)
                .cookie("vigie-subscribe-csrf", csrf)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrf);
    }

    public static Response subscribe(Map<String, String> fields, List<String> services) {
        RequestSpecification post = form();
        fields.forEach(post::formParam);
        if (!services.isEmpty()) {
            post.formParam("services", services.toArray());
        }
        return post.post("/subscribe");
    }

    /** A mail's data as sent, quoted-printable undone (soft line breaks joined, =XX decoded). */
    public static String decoded(String data) {
        String joined = data.replace("=\r\n", "").replace("=\n", "");
        Matcher m = Pattern.compile("=([0-9A-F]{2})").matcher(joined);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int last = 0;
        while (m.find()) {
            out.writeBytes(joined.substring(last, m.start()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.write(Integer.parseInt(m.group(1), 16));
            last = m.end();
        }
        out.writeBytes(joined.substring(last).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first link in a mail that goes to this path on the board, made relative. */
    public static String link(String mail, String path) {
        Matcher m = Pattern.compile("https://status\\.example\\.org(" + Pattern.quote(path) + "[A-Za-z0-9_-]+)")
                .matcher(decoded(mail));
        if (!m.find()) {
            throw new AssertionError("no link to " + path + " in:\n" + mail);
        }
        return m.group(1);
    }
}
