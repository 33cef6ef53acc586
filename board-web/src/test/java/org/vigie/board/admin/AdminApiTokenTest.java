package org.vigie.board.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.service.Service;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bearer tokens from the api_tokens table: hashed lookup, revocation, last use; and the configured token. */
@QuarkusTest
class AdminApiTokenTest extends AdminTest {

    private static final String URL = "/admin/api/v1/services";

    @Inject
    ApiTokens tokens;

    @Test
    void aCreatedTokenWorksAndItsLastUseIsRecorded() {
        String token = admin.newToken("deploy pipeline");
        assertThat(token).startsWith("vigie_").hasSizeGreaterThan(40);
        assertThat(admin.token("deploy pipeline").lastUsedAt).isNull();
        assertThat(admin.token("deploy pipeline").tokenHash)
                .hasSize(64)
                .isNotEqualTo(token)
                .doesNotContain(token);

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\"}")
                .post(URL)
                .then()
                .statusCode(201);

        assertThat(admin.token("deploy pipeline").lastUsedAt).isNotNull();
        assertThat(admin.token("deploy pipeline").tokenPrefix).isEqualTo(token.substring(0, 12));
    }

    @Test
    void aRevokedTokenIsRefused() {
        String token = admin.newToken("old client");
        tokens.revoke(admin.token("old client").id);
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Mail\"}")
                .post(URL)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", equalTo(true))
                .body("code", equalTo(401))
                .body("message", equalTo("revoked bearer token"));
        assertThat(Service.count()).isZero();
    }

    @Test
    void unknownMissingAndMalformedTokensAreRefused() {
        admin.newToken("real");
        given().auth()
                .oauth2("vigie_not-a-token")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(401)
                .body("message", equalTo("invalid bearer token"));
        given().header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(401)
                .body("message", equalTo("missing bearer token"));
        given().contentType(ContentType.URLENC)
                .formParam("name", "x")
                .post(URL)
                .then()
                .statusCode(401)
                .body("message", equalTo("missing bearer token"));
        assertThat(Service.count()).isZero();
    }

    @Test
    void aLoginSessionDoesNotOpenTheApi() {
        AdminFixtures.Session session = AdminFixtures.login();
        session.given()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .post(URL)
                .then()
                .statusCode(401)
                .body("message", equalTo("missing bearer token"));
        assertThat(Service.count()).isZero();
    }

    @Test
    void theApiTakesFormPostsWithoutAnyCsrfToken() {
        given().auth()
                .oauth2(admin.newToken("stashboard client"))
                .contentType(ContentType.URLENC)
                .formParam("name", "Form client")
                .post(URL)
                .then()
                .statusCode(201)
                .body("id", equalTo("form-client"));
    }
}
