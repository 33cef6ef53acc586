package org.vigie.board.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminFixtures;
import org.vigie.board.notify.service.ChannelCatalog;
import org.vigie.board.notify.service.ChannelSettings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Channels through the API and the admin pages: secrets stored encrypted and never shown again, kept when left blank,
 * wrong fields named.
 */
@QuarkusTest
class NotifyAdminTest extends AdminTest {

    static final String HOOK_SECRET = "hook-secret-value-9f8e7d";
    static final String HEADER_SECRET = "Bearer header-secret-value-1a2b3c";
    static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/slack-secret-token-xyz";
    static final String PD_KEY = "pagerduty-routing-key-abcdef";

    @Inject
    NotifyFixtures notify;

    @Inject
    ChannelSettings settings;

    @BeforeEach
    void empty() {
        notify.clear();
    }

    @AfterEach
    void emptyAfter() {
        notify.clear();
    }

    private static Response create(Map<String, Object> body) {
        return api().contentType(ContentType.JSON).body(body).post("/admin/api/v1/notification-channels");
    }

    @Test
    void secretsAreNeitherInTheApiNorInThePages() {
        Response hook = create(Map.of(
                "name",
                "ops",
                "kind",
                "webhook",
                "url",
                "https://hooks.example.org/vigie",
                "secret",
                HOOK_SECRET,
                "headers",
                "Authorization: " + HEADER_SECRET,
                "events",
                List.of("down", "up", "incident-opened")));
        hook.then().statusCode(201);
        Response slack = create(Map.of("name", "chat", "kind", "slack", "url", SLACK_URL, "events", List.of("down")));
        slack.then().statusCode(201);
        Response pd = create(
                Map.of("name", "pager", "kind", "pagerduty", "routingKey", PD_KEY, "events", List.of("down", "up")));
        pd.then().statusCode(201);
        long hookId = hook.jsonPath().getLong("id");

        assertThat(hook.jsonPath().getList("secretsSet")).containsExactly("secret", "headers");
        assertThat(hook.jsonPath().getString("settings.url")).isEqualTo("https://hooks.example.org/vigie");
        assertThat(slack.jsonPath().getList("secretsSet")).containsExactly("url");
        List<String> answers = List.of(
                hook.asString(),
                slack.asString(),
                pd.asString(),
                api().get("/admin/api/v1/notification-channels").asString(),
                api().get("/admin/api/v1/notification-channels/" + hookId).asString());
        AdminFixtures.Session session = AdminFixtures.login();
        String list = session.given()
                .get("/admin/notifications")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String edit = session.given()
                .get("/admin/notifications/" + hookId + "/edit")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String slackEdit = session.given()
                .get("/admin/notifications/" + slack.jsonPath().getLong("id") + "/edit")
                .asString();
        for (String text : List.of(
                answers.get(0),
                answers.get(1),
                answers.get(2),
                answers.get(3),
                answers.get(4),
                list,
                edit,
                slackEdit)) {
            assertThat(text)
                    .doesNotContain(HOOK_SECRET)
                    .doesNotContain("header-secret-value")
                    .doesNotContain("slack-secret-token")
                    .doesNotContain(PD_KEY);
        }
        assertThat(edit).contains("set — leave blank to keep");
        // "Send a test" from the list: queued in the outbox, said on the page
        String tested = session.form()
                .post("/admin/notifications/" + hookId + "/test")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(tested).endsWith("/admin/notifications?notice=test");
        assertThat(notify.written()).containsExactly("test ops: Test notification from Vigie");
        assertThat(list).contains("Send a test").contains("ops").contains("Slack");
        // stored encrypted: the column holds none of it, and reads back with the key
        assertThat(notify.storedSecrets(hookId)).doesNotContain(HOOK_SECRET).doesNotContain("header-secret");
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> settings.secrets(Channel.findById(hookId)))
                        .get("secret"))
                .isEqualTo(HOOK_SECRET);

        // saving the form with the secrets blank keeps them
        Document form = Jsoup.parse(edit);
        assertThat(form.select("input[name=secret]").attr("value")).isEmpty();
        session.form()
                .formParam("name", "ops renamed")
                .formParam("enabled", "true")
                .formParam("url", "https://hooks.example.org/vigie")
                .formParam("secret", "")
                .formParam("headers", "")
                .formParam("events", "down")
                .formParam("services", "")
                .formParam("groups", "")
                .formParam("renotifyMinutes", "15")
                .post("/admin/notifications/" + hookId)
                .then()
                .statusCode(303);
        Response after = api().get("/admin/api/v1/notification-channels/" + hookId);
        assertThat(after.jsonPath().getString("name")).isEqualTo("ops renamed");
        assertThat(after.jsonPath().getList("secretsSet")).containsExactly("secret", "headers");
        assertThat(after.jsonPath().getList("events")).containsExactly("down");
        assertThat(after.jsonPath().getInt("renotifyMinutes")).isEqualTo(15);
        assertThat(after.jsonPath().getBoolean("enabled")).isTrue();
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> settings.secrets(Channel.findById(hookId)))
                        .get("secret"))
                .isEqualTo(HOOK_SECRET);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        create(Map.of()).then().statusCode(400).body("message", containsString("kind is required"));
        create(Map.of("kind", "carrier-pigeon", "name", "x", "events", List.of("down")))
                .then()
                .statusCode(400)
                .body("message", containsString("kind \"carrier-pigeon\""));
        create(Map.of(
                        "kind", "webhook",
                        "name", "x",
                        "url", "ftp://files.example.org/",
                        "headers", "no colon here",
                        "events", List.of("down", "sideways")))
                .then()
                .statusCode(400)
                .body("message", containsString("url must be an http:// or https:// address"))
                .body("message", containsString("headers: each line is Name: value"))
                .body("message", containsString("events: \"sideways\""));
        create(Map.of("kind", "pagerduty", "name", "p", "events", List.of("down")))
                .then()
                .statusCode(400)
                .body("message", containsString("routingKey is required for PagerDuty"));
        create(Map.of("kind", "telegram", "name", "t", "token", "nope", "events", List.of("down")))
                .then()
                .statusCode(400)
                .body("message", containsString("token is not a Telegram bot token"))
                .body("message", containsString("chatId is required"));
        create(Map.of(
                        "kind", "slack",
                        "name", "s",
                        "url", "https://hooks.slack.com/x",
                        "events", List.of(),
                        "services", List.of("nope"),
                        "renotifyMinutes", "0"))
                .then()
                .statusCode(400)
                .body("message", containsString("events: choose at least one"))
                .body("message", containsString("services: no service \"nope\""))
                .body("message", containsString("renotifyMinutes must be between"));
        create(Map.of(
                        "kind",
                        "ntfy",
                        "name",
                        "n",
                        "server",
                        "https://ntfy.sh",
                        "topic",
                        "a b",
                        "events",
                        List.of("up")))
                .then()
                .statusCode(400)
                .body("message", containsString("topic may hold"));
        long id = create(Map.of(
                        "kind",
                        "gotify",
                        "name",
                        "g",
                        "server",
                        "https://push.example.org",
                        "token",
                        "tok",
                        "events",
                        List.of("down")))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
        create(Map.of(
                        "kind",
                        "gotify",
                        "name",
                        "g",
                        "server",
                        "https://push.example.org",
                        "token",
                        "tok",
                        "events",
                        List.of("down")))
                .then()
                .statusCode(400)
                .body("message", containsString("name \"g\" is already"));
        api().contentType(ContentType.JSON)
                .body(Map.of("kind", "slack"))
                .post("/admin/api/v1/notification-channels/" + id)
                .then()
                .statusCode(400)
                .body("message", containsString("kind cannot change"));
        api().get("/admin/api/v1/notification-channels/999999").then().statusCode(404);
        create(Map.of(
                        "kind",
                        "email",
                        "name",
                        "m",
                        "port",
                        "x",
                        "security",
                        "ssl3",
                        "to",
                        "nobody",
                        "events",
                        List.of("down")))
                .then()
                .statusCode(400)
                .body("message", containsString("host is required for Email"))
                .body("message", containsString("port is not a port number"))
                .body("message", containsString("security is one of starttls, tls, none"))
                .body("message", containsString("from is required"))
                .body("message", containsString("to is not an email address list"));

        // the page names the field beside it
        AdminFixtures.Session session = AdminFixtures.login();
        Document refused = Jsoup.parse(session.form()
                .formParam("kind", "discord")
                .formParam("name", "")
                .formParam("url", "ftp://files.example.org/")
                .post("/admin/notifications")
                .then()
                .statusCode(400)
                .extract()
                .asString());
        assertThat(refused.select(".field-error").eachText())
                .anyMatch(t -> t.contains("name is required"))
                .anyMatch(t -> t.contains("url must be"))
                .anyMatch(t -> t.contains("events: choose at least one"));
        assertThat(ChannelCatalog.eventChoices()).contains("incident-resolved");
    }
}
