package org.vigie.board.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.vigie.board.BrowserTest;
import org.vigie.board.admin.AdminFixtures;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real browser at 1280 and 390 px wide: an admin opens an incident in the admin pages, updates and resolves it; it
 * stands at the top of the board, then on its own page with the timeline. Screenshots go to target/screenshots/.
 * Skipped, saying why, when chromium or chromedriver is not installed.
 */
@QuarkusTest
class IncidentBrowserTest extends BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    @Test
    void anIncidentOpenedInTheAdminPagesShowsOnTheBoardAtBothWidths() throws IOException {
        data.service("web", "https://web.example.org/");
        data.service("db", "tcp://db.example.org:5432");
        browser.get(url("admin"));
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(AdminFixtures.ADMIN);
        browser.findElement(By.id("password")).sendKeys(AdminFixtures.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/admin/services"));

        browser.findElement(By.linkText("Incidents")).click();
        browser.findElement(By.linkText("Open an incident")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("title")));
        browser.findElement(By.id("title")).sendKeys("Checkout pages are slow for some customers");
        new Select(browser.findElement(By.id("impact"))).selectByValue("major");
        new Select(browser.findElement(By.cssSelector("select[aria-label='Impact on web']")))
                .selectByValue("web=partial-outage");
        browser.findElement(By.id("message"))
                .sendKeys("We are looking into slow checkout pages; some payments take a minute.");
        browser.findElement(By.cssSelector("form.fields button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));

        new Select(browser.findElement(By.id("state"))).selectByValue("identified");
        browser.findElement(By.id("message")).sendKeys("A database index was missing; it is being rebuilt.");
        browser.findElement(By.cssSelector("#post-update button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("timeline"), "index was missing"));
        String admin = browser.getCurrentUrl();

        for (int width : new int[] {1280, 390}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(url(""));
            WebElement card = wait.until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.incidents.ongoing article")));
            assertThat(card.getText())
                    .contains("Checkout pages are slow", "Identified", "A database index was missing");
            assertThat(card.getRect().getWidth())
                    .as("the card fits %d px", width)
                    .isLessThanOrEqualTo(width);
            assertThat(pageWidth())
                    .as("no sideways scrolling of the page at %d px", width)
                    .isLessThanOrEqualTo(width);
            screenshot("incident-board-" + width + ".png");

            card.findElement(By.cssSelector("h3 a")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.timeline")));
            assertThat(browser.findElements(By.cssSelector("ol.timeline li"))).hasSize(2);
            assertThat(pageWidth()).as("incident page at %d px", width).isLessThanOrEqualTo(width);
            screenshot("incident-page-" + width + ".png");
        }

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(admin);
        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("state")))).selectByValue("resolved");
        browser.findElement(By.id("message")).sendKeys("Pages are fast again.");
        browser.findElement(By.cssSelector("#post-update button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-now"), "resolved"));
        browser.get(url(""));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.board")));
        assertThat(browser.findElements(By.cssSelector("section.incidents.ongoing")))
                .isEmpty();
        browser.get(url("incidents"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Resolved"));
        screenshot("incidents-list.png");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    private long pageWidth() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth"))
                .longValue();
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
