package org.vigie.board.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.Color;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.vigie.board.BrowserTest;
import org.vigie.board.TestData;
import org.vigie.board.event.Staleness;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real browser (Debian's chromium, driven through /usr/bin/chromedriver, never a downloaded driver) logs in,
 * adds a service, posts an event, and finds it on the board and on the service's public page; and sees a service
 * without fresh results Unknown, in grey, on the board. Screenshots of
 * both go to target/screenshots/. Skipped, saying why, when chromium or chromedriver is not installed.
 */
@QuarkusTest
class AdminBrowserTest extends BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    @Inject
    ResultStore store;

    @Inject
    Staleness staleness;

    @Test
    void logInAddAServicePostAnEventAndSeeItOnTheBoardAndInTheFeed() throws IOException {
        browser.get(url("admin"));
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(AdminFixtures.ADMIN);
        browser.findElement(By.id("password")).sendKeys(AdminFixtures.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/admin/services"));

        browser.findElement(By.linkText("Add a service")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("target")));
        browser.findElement(By.id("name")).sendKeys("Mail relay");
        browser.findElement(By.id("description")).sendKeys("Outgoing mail for every team");
        browser.findElement(By.id("target")).sendKeys("tcp://mail.example.org:25");
        browser.findElement(By.cssSelector("form.fields button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/admin/services/mail-relay"));
        assertThat(browser.findElement(By.id("target")).getText()).isEqualTo("tcp://mail.example.org:25");

        new Select(browser.findElement(By.id("status"))).selectByValue("down");
        browser.findElement(By.id("message")).sendKeys("Mail relay refuses connections; we are on it");
        browser.findElement(By.cssSelector("#post-event button[type=submit]")).click();
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "Mail relay refuses connections"));
        assertThat(browser.findElement(By.id("current-status")).getText()).contains("Down");

        browser.get(url(""));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Mail relay"));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Mail relay")
                .contains("Down");
        screenshot("board.png");

        browser.get(url("services/mail-relay"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("body"), "Mail relay refuses connections"));
        String servicePage = browser.findElement(By.tagName("body")).getText();
        assertThat(servicePage).contains("Down");
        assertThat(browser.getPageSource())
                .doesNotContain("mail.example.org"); // the connection string is for admins only
        screenshot("service.png");

        // The feed readers get the same event, titled as stashboard titled it.
        browser.get(url("rss"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        assertThat(browser.getPageSource())
                .contains("[Mail relay - Down] Mail relay refuses connections; we are on it");
    }

    @Test
    void aServiceWithoutFreshResultsIsUnknownInGreyOnTheBoardWithItsLegend() throws IOException {
        Instant now = Instant.now();
        long id = data.service("queue", "amqp://10.0.0.7:5672");
        data.backdate(id, now.minus(Duration.ofDays(3)));
        store.store(List.of(TestData.result(id, Outcome.UP, "connected", now.minus(Duration.ofDays(2)))));
        assertThat(staleness.sweep(now.minus(Duration.ofDays(1)), Instant.EPOCH))
                .isEqualTo(1); // Unknown yesterday

        browser.get(url(""));
        WebElement current = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr.service td.current[data-status=unknown]")));
        assertThat(current.getText()).contains("Unknown");
        assertThat(Color.fromString(current.getCssValue("color"))).isEqualTo(Color.fromString("#636c76"));
        WebElement yesterday = browser.findElement(By.cssSelector("tr.service td.day[data-status=unknown] > a"));
        assertThat(Color.fromString(yesterday.getCssValue("background-color")))
                .as("the day's bar in Unknown's grey")
                .isEqualTo(Color.fromString("#636c76"));
        assertThat(yesterday.getAttribute("title")).endsWith(": Unknown");

        WebElement legend = browser.findElement(By.cssSelector(".legend img[src='/icons/unknown.svg']"));
        assertThat(legend.findElement(By.xpath("..")).getText()).startsWith("Unknown");
        // the icon is served and drawn, not a broken image
        wait.until(d -> ((Number) ((JavascriptExecutor) d)
                                .executeScript("return arguments[0].complete && arguments[0].naturalWidth", legend))
                        .intValue()
                > 0);
        screenshot("board-unknown.png");
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + "/" + path;
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
