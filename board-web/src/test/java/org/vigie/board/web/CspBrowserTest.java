package org.vigie.board.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.vigie.board.BrowserTest;
import org.vigie.board.TestData;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.result.ResultStore;
import org.vigie.check.Outcome;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A real browser opens every kind of board and admin page under the strict Content-Security-Policy and refuses
 * nothing: no inline script, style or handler is left in a template. It does refuse a script injected inline, which
 * shows that the policy is enforced and that a violation would be seen.
 */
@QuarkusTest
class CspBrowserTest extends BrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    ResultStore store;

    @Test
    void boardAndAdminPagesRunWithoutAViolation() {
        long id = data.service("web", "http://10.0.0.1/");
        store.store(List.of(TestData.result(id, Outcome.DOWN, "HTTP 503", Instant.now())));

        for (String page : List.of("", "services/web", "summary", "admin/login", "badge/web.svg")) {
            open(page);
        }
        open("admin/login");
        chromium.browser.findElement(By.id("username")).sendKeys(AdminFixtures.ADMIN);
        chromium.browser.findElement(By.id("password")).sendKeys(AdminFixtures.PASSWORD);
        chromium.browser.findElement(By.cssSelector("form button[type=submit]")).click();
        chromium.wait.until(ExpectedConditions.urlContains("/admin/services"));
        for (String page : List.of(
                "admin/services",
                "admin/services/new",
                "admin/services/web",
                "admin/services/web/edit",
                "admin/statuses",
                "admin/statuses/new",
                "admin/statuses/down/edit",
                "admin/groups",
                "admin/groups/new",
                "admin/tokens",
                "admin/settings")) {
            open(page);
        }
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void anInjectedInlineScriptIsRefusedAndSeen() {
        open("");
        assertThat(chromium.cspViolations()).isEmpty();
        Object ran = ((JavascriptExecutor) chromium.browser)
                .executeScript("var s = document.createElement('script'); s.textContent = 'window.vigieInline = 1';"
                        + " document.body.appendChild(s); return window.vigieInline === 1;");
        assertThat(ran).isEqualTo(false);
        assertThat(chromium.cspViolations()).anySatisfy(m -> assertThat(m).contains("script-src 'self'"));
    }

    private void open(String path) {
        chromium.browser.get(base.toString().replaceAll("/$", "") + "/" + path);
        chromium.wait.until(
                d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
