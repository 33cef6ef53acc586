package org.vigie.board.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vigie.board.BrowserTest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A real browser signs in through the provider (TestOidcProvider): the login page's button, the round trip to the
 * provider and back, then the admin pages under the role the claim gave; an unmapped claim ends on the refusal page.
 * Skipped, saying why, when chromium or chromedriver is not installed.
 */
@QuarkusTest
@TestProfile(SsoTest.SsoOn.class)
class SsoBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void aViewerSignsInWithTheProviderThenLogsOut() {
        TestOidcProvider.signInAs("sub-bea", "bea", List.of("staff"));
        browser.get(base + "admin/login");
        browser.findElement(By.id("sso")).click();
        wait.until(ExpectedConditions.urlContains("/admin/services"));
        assertThat(browser.findElement(By.id("read-only")).getText()).isEqualTo("Viewer: read only");
        assertThat(admin.adminNamed("bea").role).isEqualTo(AdminRole.VIEWER);

        browser.findElement(By.cssSelector("header .logout button")).click();
        wait.until(ExpectedConditions.urlContains("/admin/login"));
        browser.get(base + "admin/services");
        wait.until(ExpectedConditions.urlContains("/admin/login"));
    }

    @Test
    void anUnmappedClaimEndsOnThePageThatSaysWhy() {
        TestOidcProvider.signInAs("sub-ugo", "ugo", List.of("guests"));
        browser.get(base + "admin/login");
        browser.findElement(By.id("sso")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sso-refused")));
        assertThat(browser.findElement(By.id("sso-refused")).getText()).contains("has no role on this board");
        browser.get(base + "admin/services");
        wait.until(ExpectedConditions.urlContains("/admin/login"));
    }
}
