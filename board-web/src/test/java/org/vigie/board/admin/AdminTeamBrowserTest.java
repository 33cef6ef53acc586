package org.vigie.board.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.vigie.board.BrowserTest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An owner in a real browser: adds an editor on the Admins page, reads the password made for them, makes them a
 * viewer; the new admin logs in with it and is told the pages are read only; the audit log lists the changes.
 * Screenshots go to target/screenshots/.
 */
@QuarkusTest
class AdminTeamBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void anOwnerAddsAnAdminChangesTheirRoleAndReadsTheAuditLog() throws IOException {
        logIn(AdminFixtures.ADMIN, AdminFixtures.PASSWORD);
        browser.findElement(By.linkText("Admins")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("admins")));
        browser.findElement(By.id("username")).sendKeys("hana");
        new Select(browser.findElement(By.id("role"))).selectByValue("editor");
        browser.findElement(By.cssSelector("form.fields button[type=submit]")).click();
        String password = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-password")))
                .getText();
        screenshot("admins.png");

        new Select(browser.findElement(By.cssSelector("select[aria-label='Role of hana']"))).selectByValue("viewer");
        browser.findElement(By.xpath("//tr[td[starts-with(., 'hana')]]//button[text()='Change role']"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.className("notice"), "Role changed"));
        assertThat(browser.findElement(By.id("admins")).getText()).contains("hana viewer");

        browser.findElement(By.linkText("Audit log")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        assertThat(browser.findElement(By.id("audit")).getText())
                .contains("made admin hana viewer", "added admin hana as editor");
        screenshot("audit.png");

        browser.findElement(By.cssSelector("form.logout button")).click();
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        logIn("hana", password);
        assertThat(browser.findElement(By.id("read-only")).getText()).isEqualTo("Viewer: read only");
    }

    private void logIn(String username, String password) {
        browser.get(base.toString().replaceAll("/$", "") + "/admin");
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/admin/services"));
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(AdminBrowserTest.SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(AdminBrowserTest.SCREENSHOTS.resolve(name), png);
    }
}
