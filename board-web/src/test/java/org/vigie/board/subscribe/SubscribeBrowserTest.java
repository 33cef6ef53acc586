package org.vigie.board.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.vigie.board.subscribe.SubscribeFixtures.link;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vigie.board.BrowserTest;
import org.vigie.board.notify.NotifyFixtures;
import org.vigie.board.notify.SmtpReceiver;
import org.vigie.board.notify.service.Deliverer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A visitor subscribes in a real browser: from the service's page to the form, the confirmation link from the mail
 * the test SMTP server received, "confirmed"; then an incident's mail, and its unsubscribe link's one click.
 */
@QuarkusTest
class SubscribeBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    SubscribeFixtures subs;

    @Inject
    NotifyFixtures notify;

    @Inject
    Deliverer deliverer;

    SmtpReceiver smtp;

    @BeforeEach
    void start() throws Exception {
        subs.clear();
        notify.clear();
        smtp = new SmtpReceiver(SubscribeFixtures.SMTP_PORT);
    }

    @AfterEach
    void stop() throws Exception {
        smtp.close();
        subs.clear();
        notify.clear();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    void aVisitorSubscribesConfirmsAndUnsubscribes() {
        data.service("shop", "https://shop.example.org/");

        browser.get(url("/services/shop"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("p.subscribe-service a")))
                .click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")))
                .sendKeys("ann@example.org");
        assertThat(browser.findElement(By.cssSelector("input[name=services][value=shop]"))
                        .isSelected())
                .isTrue();
        browser.findElement(By.id("subscribe")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")))
                        .getText())
                .isEqualTo("Check your inbox");

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.messages().size() == 1);
        browser.get(url(link(smtp.messages().get(0).data(), "/subscribe/confirm/")));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")))
                        .getText())
                .isEqualTo("Subscription confirmed");
        assertThat(subs.confirmed("ann@example.org")).isEqualTo(1);

        api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Checkout down",
                        "message",
                        "Looking into it",
                        "services",
                        Map.of("shop", "major-outage")))
                .post("/admin/api/v1/incidents")
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            deliverer.deliverDue();
            return smtp.messages().size() == 2;
        });
        browser.get(url(link(smtp.messages().get(1).data(), "/unsubscribe/")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("unsubscribe")))
                .click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("outcome")))
                        .getText())
                .isEqualTo("Unsubscribed");
        assertThat(subs.count("ann@example.org")).isZero();
    }
}
