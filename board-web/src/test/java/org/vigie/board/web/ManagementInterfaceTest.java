package org.vigie.board.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, metrics and the API documents are on the management interface only; the public port answers 404 for them,
 * however the path is spelled.
 */
@QuarkusTest
class ManagementInterfaceTest {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void healthMetricsAndApiDocsAreOnTheManagementPort() {
        given().baseUri(base()).get("/q/health/live").then().statusCode(200);
        given().baseUri(base())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("vigie_results_stored_total"));
        given().baseUri(base())
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/admin/api/v1/services/{slug}/events"))
                .body(containsString("/admin/api/v1/service-lists"))
                .body(not(containsString("/admin/settings")));
        given().baseUri(base()).get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void thePublicPortServesNoneOfThem() {
        for (String path : new String[] {
            "/q/health",
            "/q/health/live",
            "/q/health/ready",
            "/q/metrics",
            "/q/openapi",
            "/q/openapi?format=json",
            "/q/swagger-ui/",
            "/q/dev-ui",
            "/Q/metrics",
            "/q/metrics/",
            "/q//metrics",
            "/./q/metrics",
            "/q/%6detrics"
        }) {
            given().redirects().follow(false).get(path).then().statusCode(404);
        }
    }

    /** The management server's own address: the injected URL ends in its root path (/q). */
    private String base() {
        return management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
    }
}
