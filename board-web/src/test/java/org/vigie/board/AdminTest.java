package org.vigie.board;

import static io.restassured.RestAssured.given;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.vigie.board.admin.AdminFixtures;

import io.restassured.specification.RequestSpecification;

/**
 * What every test of the admin side starts from: an empty board (no services, groups, events or results), the
 * seeded statuses only, no API tokens, the default settings; and the admin API called with the test token.
 */
public abstract class AdminTest {

    /** The bearer token the test profile configures ({@code %test.vigie.admin.api-token}). */
    public static final String TOKEN = "test-token";

    @Inject
    protected TestData data;

    @Inject
    protected AdminFixtures admin;

    @BeforeEach
    protected void startFromAKnownState() {
        data.clear();
        admin.reset();
    }

    /** A request to the admin API with the test token. */
    protected static RequestSpecification api() {
        return given().auth().oauth2(TOKEN);
    }
}
