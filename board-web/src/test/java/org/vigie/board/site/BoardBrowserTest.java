package org.vigie.board.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vigie.board.BrowserTest;
import org.vigie.board.TestData;
import org.vigie.board.result.ResultStore;
import org.vigie.check.CheckResult;
import org.vigie.check.Outcome;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The visitor's board in a real browser at 1280 and 390 px, light and dark: the headline changes with an outage, the
 * day bars fit the width, a group folds from the keyboard, and the page never scrolls sideways. Screenshots go to
 * target/screenshots/ (the README's come from there).
 */
@QuarkusTest
class BoardBrowserTest extends BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    @Inject
    PublicData board;

    @Inject
    ResultStore store;

    /** A board with two groups and a history: a few bad days over the last 90, rollups for the uptime. */
    private void aBoardWithHistory() {
        board.settings("Acme status", 90, "UTC");
        Instant now = Instant.now();
        Instant created = now.minus(120, ChronoUnit.DAYS);
        long site = board.group("website", "Website", 0);
        long api = board.group("api", "API", 1);
        long web = board.service("web", "Web shop", site, 0, created);
        long cdn = board.service("cdn", "Images (CDN)", site, 1, created);
        long rest = board.service("rest", "REST API", api, 0, created);
        long db = board.service("db", "Database", api, 1, created);
        for (long id : List.of(web, cdn, rest, db)) {
            board.event(id, "up", "first check", created);
        }
        board.event(web, "down", "HTTP 502", now.minus(12, ChronoUnit.DAYS));
        board.event(web, "up", "HTTP 200", now.minus(12, ChronoUnit.DAYS).plus(40, ChronoUnit.MINUTES));
        board.event(rest, "warning", "slow: 2.4 s", now.minus(40, ChronoUnit.DAYS));
        board.event(rest, "up", "HTTP 200", now.minus(40, ChronoUnit.DAYS).plus(2, ChronoUnit.HOURS));
        board.event(cdn, "unknown", "no check result since", now.minus(3, ChronoUnit.DAYS));
        board.event(cdn, "up", "HTTP 200", now.minus(3, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int d = 1; d <= 90; d++) {
            for (long id : List.of(web, cdn, rest, db)) {
                board.daily(id, today.minusDays(d), 8640, d == 12 && id == web ? 8400 : 8640, 0, 0);
            }
        }
    }

    @Test
    void theBoardReadsAtAGlanceAtBothWidthsLightAndDark() throws IOException {
        aBoardWithHistory();
        for (int width : new int[] {1280, 390}) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            dark(false);
            browser.get(url(""));
            WebElement headline =
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline")));
            assertThat(headline.getText()).contains("All systems operational");
            assertThat(overflow()).as("no sideways scrolling at %d px", width).isZero();
            long bars = visibleBars("web");
            assertThat(bars).as("day bars shown at %d px", width).isEqualTo(width == 390 ? 30 : 90);
            WebElement bar =
                    browser.findElements(By.cssSelector("tr.service td.day a")).get(11);
            assertThat(bar.getAttribute("title")).contains("uptime 97.22%");
            assertThat(bar.getRect().getHeight()).as("a bar, not a dot").isGreaterThan(20);
            screenshot("board-" + width + ".png");

            dark(true);
            browser.navigate().refresh();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline")));
            assertThat(background("body")).as("dark mode").isEqualTo("rgb(13, 17, 23)");
            screenshot("board-dark-" + width + ".png");
        }
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void theHeadlineTurnsWithAnOutage() throws IOException {
        aBoardWithHistory();
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url(""));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline-operational")));
        board.event(data.serviceId("db"), "down", "connection refused", Instant.now());
        browser.navigate().refresh();
        WebElement headline =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline-partial")));
        assertThat(headline.getText()).contains("Partial outage", "1 of 4 services affected");
        screenshot("board-outage-1280.png");
        browser.manage().window().setSize(new Dimension(390, 1000));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline-partial")));
        screenshot("board-outage-390.png");
    }

    @Test
    void aMaintenanceWindowTurnsAServiceToMaintenanceAndBackWithNoDownEvent() throws IOException {
        aBoardWithHistory();
        long db = data.serviceId("db");
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        long window = api().contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Database upgrade",
                        "message", "Writes pause for a few minutes.",
                        "services", List.of("db"),
                        "start", start.toString(),
                        "end", start.plus(1, ChronoUnit.HOURS).toString()))
                .post("/admin/api/v1/maintenance")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        // the checks keep running and fail during the upgrade: stored, but no Down event
        store.store(List.of(
                TestData.result(
                        db, Outcome.DOWN, "connection refused", Instant.now().minusSeconds(20)),
                TestData.result(
                        db, Outcome.DOWN, "connection refused", Instant.now().minusSeconds(10))));

        for (int width : new int[] {1280, 390}) {
            browser.manage().window().setSize(new Dimension(width, 1000));
            browser.get(url(""));
            WebElement headline = wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline-maintenance")));
            assertThat(headline.getText()).contains("Under maintenance");
            assertThat(browser.findElement(By.cssSelector("tr.service:has(a[href='/services/db']) td.current"))
                            .getAttribute("data-status"))
                    .isEqualTo("maintenance");
            assertThat(browser.findElement(By.id("maintenance-" + window)).getText())
                    .contains("Database upgrade", "Writes pause");
            screenshot("board-maintenance-" + width + ".png");
            assertThat(overflow())
                    .as("no sideways scrolling at %d px: %s", width, widest())
                    .isZero();
        }
        assertThat(data.eventsOf(db)).noneMatch(e -> "down".equals(e.statusSlug()));

        store.store(List.of(TestData.result(db, Outcome.UP, "connected", Instant.now())));
        api().post("/admin/api/v1/maintenance/" + window + "/end").then().statusCode(200);
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.headline-operational")));
        assertThat(browser.findElement(By.cssSelector("tr.service:has(a[href='/services/db']) td.current"))
                        .getAttribute("data-status"))
                .isEqualTo("up");
        assertThat(data.eventsOf(db)).noneMatch(e -> "down".equals(e.statusSlug()));
    }

    @Test
    void aGroupFoldsFromTheKeyboard() {
        aBoardWithHistory();
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(url(""));
        WebElement rest = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr.service th.name a[href='/services/rest']")));
        WebElement fold = browser.findElement(By.cssSelector("input.fold[aria-label='Hide or show API']"));
        // Tab until the API group's toggle has the focus, as a keyboard user would
        WebElement body = browser.findElement(By.tagName("body"));
        body.click();
        for (int i = 0; i < 400 && !fold.equals(browser.switchTo().activeElement()); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement())
                .as("the toggle takes the focus")
                .isEqualTo(fold);
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        wait.until(ExpectedConditions.invisibilityOf(rest));
        assertThat(browser.findElement(By.cssSelector("tr.service th.name a[href='/services/web']"))
                        .isDisplayed())
                .as("the other group stays open")
                .isTrue();
        assertThat(browser.findElements(By.cssSelector(".group-sum")).get(1).isDisplayed())
                .as("the folded group keeps its summary")
                .isTrue();
        new Actions(browser).sendKeys(Keys.SPACE).perform();
        wait.until(ExpectedConditions.visibilityOf(rest));
    }

    @Test
    void theServicePageFitsAPhone() throws IOException {
        aBoardWithHistory();
        long web = data.serviceId("web");
        List<CheckResult> results = new ArrayList<>();
        Instant now = Instant.now();
        for (int h = 47; h >= 1; h--) {
            CheckResult r = TestData.result(web, Outcome.UP, "HTTP 200", now.minus(h, ChronoUnit.HOURS));
            results.add(new CheckResult(
                    r.taskId(),
                    web,
                    Outcome.UP,
                    40 + (h * 37) % 90,
                    r.reason(),
                    r.publicReason(),
                    r.workerId(),
                    r.startedAt(),
                    r.finishedAt(),
                    r.issuedAt(),
                    r.evidence(),
                    r.pool()));
        }
        store.store(results);
        browser.manage().window().setSize(new Dimension(390, 1000));
        browser.get(url("services/web"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.uptime-days")));
        assertThat(overflow()).as("service page at 390 px").isZero();
        assertThat(browser.findElements(By.cssSelector("figure.by-hour svg.chart path.line")))
                .hasSize(1);
        screenshot("service-390.png");
    }

    private long visibleBars(String slug) {
        return browser.findElements(By.cssSelector("tr.service:has(a[href='/services/" + slug + "']) td.day")).stream()
                .filter(WebElement::isDisplayed)
                .count();
    }

    private void dark(boolean on) {
        ((ChromiumDriver) browser)
                .executeCdpCommand(
                        "Emulation.setEmulatedMedia",
                        Map.of(
                                "features",
                                List.of(Map.of("name", "prefers-color-scheme", "value", on ? "dark" : "light"))));
    }

    private String background(String selector) {
        return (String) ((JavascriptExecutor) browser)
                .executeScript(
                        "return getComputedStyle(document.querySelector(arguments[0])).backgroundColor", selector);
    }

    /** How far the page scrolls sideways past the viewport (scroll bar excluded): 0 when it fits. */
    private long overflow() {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth"
                                + " - document.documentElement.clientWidth"))
                .longValue();
    }

    /** The element reaching furthest right, for a message. */
    private String widest() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("let w = null, r = 0; for (const e of document.querySelectorAll('body *')) {"
                        + " const x = e.getBoundingClientRect().right; if (x > r) { r = x; w = e; } }"
                        + " return w ? w.tagName + '.' + w.className + ' ' + r : '';");
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + "/" + path;
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
