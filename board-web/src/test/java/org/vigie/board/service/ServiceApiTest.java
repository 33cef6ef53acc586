package org.vigie.board.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.board.AdminTest;
import org.vigie.board.web.Inputs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ServiceApiTest extends AdminTest {

    private static final String URL = "/admin/api/v1/services";

    @Test
    void createsAServiceFromJsonAndSchedulesItsFirstCheck() {
        api().contentType(ContentType.JSON)
                .body(
                        "{\"name\":\"Customer API\",\"description\":\"Public REST API\",\"target\":\"https://api.example.org/health?timeout=5s\",\"interval\":30}")
                .when()
                .post(URL)
                .then()
                .statusCode(201)
                .header("Location", "/api/v1/services/customer-api")
                .body("id", equalTo("customer-api"))
                .body("name", equalTo("Customer API"))
                .body("target", equalTo("https://api.example.org/health?timeout=5s"))
                .body("interval", equalTo(30));
        Service service = Service.findBySlug("customer-api").orElseThrow();
        assertThat(service.checkIntervalSeconds).isEqualTo(30);
        assertThat(scheduleCount(service.id)).isEqualTo(1);
    }

    @Test
    void createsAServiceFromAFormWithoutTargetAndDoesNotScheduleIt() {
        api().contentType(ContentType.URLENC)
                .formParam("name", "Help desk")
                .formParam("description", "Phones")
                .when()
                .post(URL)
                .then()
                .statusCode(201)
                .body("id", equalTo("help-desk"));
        Service service = Service.findBySlug("help-desk").orElseThrow();
        assertThat(service.target).isNull();
        assertThat(service.checkIntervalSeconds).isEqualTo(60);
        assertThat(scheduleCount(service.id)).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x\",\"target\":\"gopher://example.org\"}    | target: unknown scheme \"gopher\"",
                "{\"name\":\"x\",\"target\":\"http://\"}                 | target: missing host",
                "{\"name\":\"x\",\"target\":\"tcp://h:70000\"}           | target: port 70000 is out of range 1-65535",
                "{\"name\":\"x\",\"target\":\"tcp://h\"}                 | target: tcp needs a port",
                // refused when saved, not only when a worker sends the request
                "{\"name\":\"x\",\"target\":\"http://h/?header.X-Api=a%0D%0AX-Admin:%20yes\"} | target: header.X-Api must not contain control characters: CR at position 2",
                "{\"name\":\"x\",\"target\":\"http://h/?header.X%20Api=a\"} | target: header.X Api: \"X Api\" is not a valid HTTP header name",
                "{\"description\":\"no name\"}                           | name is required",
                "{\"name\":\"   \"}                                      | name is required",
                "{\"name\":\"x\",\"interval\":0}                         | interval must be between 1 and 86400 seconds",
                "{\"name\":\"!!!\"}                                      | slug: cannot make a slug",
                "{\"name\":                                             | the body is not valid JSON",
            })
    void refusesBadInputWithA400AndStoresNothing(String body, String message) {
        api().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post(URL)
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo(true))
                .body("code", equalTo(400))
                .body("message", startsWith(message));
        assertThat(Service.count()).isZero();
    }

    @Test
    void refusesAFormIntervalThatIsNotANumber() {
        api().contentType(ContentType.URLENC)
                .formParam("name", "x")
                .formParam("interval", "soon")
                .when()
                .post(URL)
                .then()
                .statusCode(400)
                .body("message", equalTo("interval \"soon\" is not a whole number"));
    }

    @Test
    void refusesATakenSlugWithA409() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\"}")
                .post(URL)
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"MAIL\"}")
                .post(URL)
                .then()
                .statusCode(409)
                .body("message", equalTo("a service with slug \"mail\" already exists"));
        assertThat(Service.count()).isEqualTo(1);
    }

    @Test
    void refusesRequestsWithoutTheToken() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("message", equalTo("missing bearer token"));
        given().auth()
                .oauth2("wrong")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(401)
                .body("message", equalTo("invalid bearer token"));
        assertThat(Service.count()).isZero();
    }

    @Test
    void slugsAreAsciiAndStable() {
        assertThat(Inputs.slugify("  Café Crème / API v2 ")).isEqualTo("cafe-creme-api-v2");
        assertThat(Inputs.slugify("x".repeat(80))).hasSize(64);
    }

    @Transactional
    long scheduleCount(long serviceId) {
        return CheckSchedule.count("serviceId", serviceId);
    }
}
