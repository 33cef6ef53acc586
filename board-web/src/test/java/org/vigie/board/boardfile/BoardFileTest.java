package org.vigie.board.boardfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigie.board.AdminTest;
import org.vigie.board.admin.AdminRole;
import org.vigie.board.group.Group;
import org.vigie.board.notify.Channel;
import org.vigie.board.notify.NotifyFixtures;
import org.vigie.board.notify.service.ChannelSettings;
import org.vigie.board.service.Service;
import org.vigie.board.settings.SettingsStore;
import org.vigie.board.settings.SettingsStore.SettingsInput;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class BoardFileTest extends AdminTest {

    private static final String URL = "/admin/api/v1/board-file";
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XOXB-SLACK-SECRET";
    private static final String SIGNING = "s3cret-signing-key";

    @Inject
    NotifyFixtures notify;

    @Inject
    SettingsStore settings;

    @Inject
    ChannelSettings channelSettings;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void noChannels() {
        notify.clear();
    }

    @AfterEach
    void noSecretsLeft() {
        System.clearProperty("VIGIE_SECRET_OPS_SLACK_URL");
        System.clearProperty("VIGIE_SECRET_PAGER_HOOK_SECRET");
    }

    @Test
    void anExportImportedOnAnEmptyBoardReproducesItAndHoldsNoSecret() {
        buildABoard();
        String exported = export();
        assertThat(exported)
                .contains("${env:VIGIE_SECRET_OPS_SLACK_URL}", "${env:VIGIE_SECRET_PAGER_HOOK_SECRET}")
                .contains("interval: 5m", "pools:", "- eu-west", "quorum: 1", "incidents: publish")
                .contains("fullReasonsPublic: true", "repeat: weekly", "accentColor: \"#0969da\"")
                .doesNotContain("XOXB-SLACK-SECRET", SIGNING);
        assertThat(export()).isEqualTo(exported); // stable: the same bytes twice

        wipe();
        assertThat(export()).isNotEqualTo(exported);
        System.setProperty("VIGIE_SECRET_OPS_SLACK_URL", SLACK);
        System.setProperty("VIGIE_SECRET_PAGER_HOOK_SECRET", SIGNING);
        Response imported =
                importFile(exported, "").then().statusCode(200).extract().response();
        // the settings changed; a status, a group, two services, a window and two channels were added
        assertThat(imported.jsonPath().getInt("added")).isEqualTo(7);
        assertThat(imported.jsonPath().getInt("changed")).isEqualTo(1);
        assertThat(imported.jsonPath().getInt("removed")).isZero();

        assertThat(export()).isEqualTo(exported);
        assertThat(secretsOf("Ops Slack")).containsEntry("url", SLACK);
        assertThat(secretsOf("Pager hook")).containsEntry("secret", SIGNING);
    }

    @Test
    void aSecondImportChangesNothingAndEachImportIsInTheAuditLog() {
        System.setProperty("VIGIE_SECRET_OPS_SLACK_URL", SLACK);
        String file = """
                groups:
                  - name: Core
                services:
                  - name: Customer API
                    group: core
                    target: https://api.example.org/health
                    interval: 30s
                channels:
                  - name: Ops Slack
                    kind: slack
                    events: [down, up]
                    secrets:
                      url: ${env:VIGIE_SECRET_OPS_SLACK_URL}
                """;
        Response first = importFile(file, "").then().statusCode(200).extract().response();
        assertThat(first.jsonPath().getInt("added")).isEqualTo(3);
        String sealed = notify.storedSecrets(channelId("Ops Slack"));

        String second = importText(file, "").then().statusCode(200).extract().asString();
        assertThat(second).isEqualTo("no changes: the board already matches the file\n");
        assertThat(notify.storedSecrets(channelId("Ops Slack"))).isEqualTo(sealed); // not even sealed again

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.audit())
                        .filteredOn(e -> e.entityType.equals("board-file"))
                        .extracting(e -> e.action + " " + e.actor + ": " + e.summary)
                        .containsExactly(
                                "update vigie.admin.api-token: import: no changes: the board already matches the file",
                                "update vigie.admin.api-token: import: 3 added, 0 changed, 0 removed"));
    }

    @Test
    void aDryRunListsTheDifferencesFieldByFieldAndChangesNothing() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"API\",\"target\":\"https://api.example.org/\",\"interval\":60}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Old\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        String file = """
                services:
                  - slug: api
                    name: API
                    target: https://api.example.org/
                    interval: 5m
                  - name: New one
                """;
        String text = importText(file, "&dryRun=true&prune=true")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(text).isEqualTo("""
                        ~ services api
                            interval: 1m -> 5m
                        + services new-one
                            slug: new-one
                            name: New one
                            interval: 1m
                        - services old
                        dry run: 1 added, 1 changed, 1 removed; nothing was changed
                        """);
        Response json = importFile(file, "&dryRun=true")
                .then()
                .statusCode(200)
                .extract()
                .response();
        assertThat(json.jsonPath().getList("changes.change")).containsExactly("changed", "added");
        assertThat(json.jsonPath().getString("changes[0].fields[0].field")).isEqualTo("interval");
        assertThat(json.jsonPath().getString("changes[0].fields[0].to")).isEqualTo("5m");

        assertThat(services()).containsExactly("api", "old");
        assertThat(Service.<Service>find("slug", "api").firstResult().checkIntervalSeconds)
                .isEqualTo(60);
    }

    @Test
    void thingsLeftOutStayUnlessPruneAndAKindNotListedIsLeftAlone() {
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Core\"}")
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        for (String name : List.of("A", "B")) {
            api().contentType(ContentType.JSON)
                    .body("{\"name\":\"" + name + "\"}")
                    .post("/admin/api/v1/services")
                    .then()
                    .statusCode(201);
        }
        String file = "services:\n  - name: A\n";
        importFile(file, "").then().statusCode(200);
        assertThat(services()).containsExactly("a", "b");
        importFile(file, "&prune=true").then().statusCode(200);
        assertThat(services()).containsExactly("a");
        assertThat(Group.count()).isEqualTo(1);

        // the checks' statuses cannot go, so a prune that would remove them is refused whole
        importText("statuses: []\nservices: []\n", "&prune=true")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.containsString(
                        "board.yaml:1: statuses: cannot remove \"up\" (--prune): status \"up\" is the default"));
        assertThat(services()).containsExactly("a");

        // nor does a prune remove what the file itself still names
        importText("""
                        services: []
                        channels:
                          - name: Ops
                            kind: ntfy
                            events: [down]
                            services: [a]
                            settings:
                              server: https://ntfy.example.org
                              topic: ops
                        """, "&prune=true")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.equalTo("board.yaml:1: services: cannot remove \"a\" (--prune): the file"
                        + " still names it; list it under services\n"));
        assertThat(services()).containsExactly("a");
        assertThat(notify.count()).isZero();
        assertThat(Channel.count()).isZero();
    }

    @Test
    void badInputIsRefusedWithTheLineAndFieldAtFaultAndNothingApplied() {
        String file = """
                services:
                  - name: One
                    interval: 1m
                  - name: Two
                    interval: 10 parsecs
                    target: "htp://example.org"
                    colour: blue
                settings:
                  name: Board
                  historyDays: 400
                  timeZone: Mars/Olympus
                """;
        String text = importText(file, "").then().statusCode(400).extract().asString();
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0))
                .isEqualTo("board.yaml:5: services[1].interval: \"10 parsecs\" is not a duration (e.g. 30s, 5m, 1h)");
        assertThat(lines.get(1)).startsWith("board.yaml:6: services[1].target: ");
        assertThat(lines.get(2)).startsWith("board.yaml:7: services[1].colour: is not a field here (fields: ");
        assertThat(lines.get(3)).isEqualTo("board.yaml:10: settings.historyDays: must be between 1 and 90");
        assertThat(lines.get(4))
                .isEqualTo("board.yaml:11: settings.timeZone: \"Mars/Olympus\" is not a known time zone (e.g. UTC,"
                        + " Europe/Paris)");
        assertThat(Service.count()).isZero(); // "One" was fine, but nothing of a refused file is kept

        Response json = importFile(file, "").then().statusCode(400).extract().response();
        assertThat(json.jsonPath().getInt("problems[0].line")).isEqualTo(5);
        assertThat(json.jsonPath().getString("problems[0].field")).isEqualTo("services[1].interval");

        importText("services:\n  - name: [one\n", "&file=mine.yaml")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.matchesPattern("mine\\.yaml:[23]: not YAML: .*\n"));
        importText(
                        "channels:\n  - name: Leak\n    kind: slack\n    events: [down]\n    secrets:\n"
                                + "      url: ${env:QUARKUS_DATASOURCE_PASSWORD}\n",
                        "")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.equalTo("board.yaml:6: channels[0].secrets.url:"
                        + " ${env:QUARKUS_DATASOURCE_PASSWORD}: only variables named VIGIE_SECRET_... are read\n"));
        assertThat(notify.count()).isZero();

        importText("groups:\n  - name: Core\n  - description: no name\n  - slug: core\n    name: Again\n", "")
                .then()
                .statusCode(400)
                .body(org.hamcrest.Matchers.equalTo("board.yaml:3: groups[1].name: is required\n"
                        + "board.yaml:4: groups[2].slug: \"core\" is given twice\n"));
        assertThat(Group.count()).isZero();
    }

    @Test
    void onlyOwnersImportAndAnyAdminExports() {
        String editor = admin.newToken("editor", AdminRole.EDITOR);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(editor)
                .contentType("application/yaml")
                .body("services: []\n".getBytes(StandardCharsets.UTF_8))
                .post(URL)
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .auth()
                .oauth2(editor)
                .get(URL)
                .then()
                .statusCode(200)
                .contentType("application/yaml");
        io.restassured.RestAssured.given()
                .contentType("application/yaml")
                .body("services: []\n".getBytes(StandardCharsets.UTF_8))
                .post(URL)
                .then()
                .statusCode(401);
    }

    @Test
    void theCommandImportsExportsAndPrintsOneLinePerProblem(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("board.yaml");
        Files.writeString(file, "groups:\n  - name: Core\nservices:\n  - name: Web\n    group: core\n");
        Run dry = vigie("import", file.toString(), "--dry-run");
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("+ services web", "dry run: 2 added, 0 changed, 0 removed");
        assertThat(Service.count()).isZero();

        Run applied = vigie("import", file.toString());
        assertThat(applied.exit()).isZero();
        assertThat(applied.out()).endsWith("2 added, 0 changed, 0 removed\n");
        assertThat(services()).containsExactly("web");

        Path out = dir.resolve("export.yaml");
        assertThat(vigie("export", out.toString()).exit()).isZero();
        assertThat(Files.readString(out)).isEqualTo(export());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "services:\n  - name: Web\n    interval: 10 parsecs\n    quorum: many\n");
        Run refused = vigie("import", bad.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().lines())
                .containsExactly(
                        "bad.yaml:3: services[0].interval: \"10 parsecs\" is not a duration (e.g. 30s, 5m, 1h)",
                        "bad.yaml:4: services[0].quorum: \"many\" is not a whole number");

        Run wrongToken = vigie(Map.of("VIGIE_TOKEN", "nope"), "export");
        assertThat(wrongToken.exit()).isEqualTo(1);
        assertThat(wrongToken.err()).isEqualTo("vigie: board-web answered 401: invalid bearer token\n");
    }

    // ------------------------------------------------------------------ helpers

    private void buildABoard() {
        settings.update(new SettingsInput(
                "Example status",
                "https://example.org/logo.svg",
                "mailto:ops@example.org",
                "30",
                "Europe/Paris",
                "#0969DA",
                "Home | https://example.org\nPrivacy | https://example.org/privacy"));
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Core\",\"description\":\"What customers use\",\"order\":1}")
                .post("/admin/api/v1/service-lists")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Degraded\",\"severity\":\"WARNING\",\"description\":\"Slow\"}")
                .post("/admin/api/v1/statuses")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Customer API\",\"description\":\"The API\",\"group\":\"core\",\"order\":2,"
                        + "\"target\":\"https://api.example.org/health?timeout=5s\",\"interval\":300,"
                        + "\"pools\":[\"eu-west\",\"us-east\"],\"quorum\":1,\"incidents\":\"publish\","
                        + "\"fullReasonsPublic\":true}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Help desk\"}")
                .post("/admin/api/v1/services")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"title\":\"Database upgrade\",\"message\":\"Short\",\"services\":[\"customer-api\"],"
                        + "\"start\":\"2030-01-10T02:00:00Z\",\"end\":\"2030-01-10T03:00:00Z\",\"repeat\":\"weekly\"}")
                .post("/admin/api/v1/maintenance")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Ops Slack\",\"kind\":\"slack\",\"url\":\"" + SLACK
                        + "\",\"events\":[\"down\",\"up\"],"
                        + "\"services\":[\"customer-api\"],\"renotifyMinutes\":\"30\"}")
                .post("/admin/api/v1/notification-channels")
                .then()
                .statusCode(201);
        api().contentType(ContentType.JSON)
                .body("{\"name\":\"Pager hook\",\"kind\":\"webhook\",\"url\":\"https://hooks.example.org/vigie\","
                        + "\"secret\":\"" + SIGNING + "\",\"events\":[\"down\"],\"groups\":[\"core\"],"
                        + "\"quietInMaintenance\":\"false\",\"enabled\":\"false\"}")
                .post("/admin/api/v1/notification-channels")
                .then()
                .statusCode(201);
    }

    /** An empty board: no services, groups, windows or channels, the seeded statuses, the default settings. */
    private void wipe() {
        data.clear();
        notify.clear();
        admin.reset();
    }

    private String export() {
        return api().get(URL).then().statusCode(200).extract().asString();
    }

    private static Response importFile(String yaml, String query) {
        return api().contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .post(URL + "?x=1" + query);
    }

    private static Response importText(String yaml, String query) {
        return api().contentType("application/yaml")
                .accept("text/plain")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .post(URL + "?x=1" + query);
    }

    private static List<String> services() {
        return QuarkusTransaction.requiringNew()
                .call(() -> Service.inOrder().stream().map(s -> s.slug).sorted().toList());
    }

    private static long channelId(String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Channel.<Channel>find("name", name).firstResult().id);
    }

    private Map<String, String> secretsOf(String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> channelSettings.secrets(
                        Channel.<Channel>find("name", name).firstResult()));
    }

    private record Run(int exit, String out, String err) {}

    private Run vigie(String... args) throws IOException, InterruptedException {
        return vigie(Map.of(), args);
    }

    /** deploy/vigie against this test's board-web, with the test token. */
    private Run vigie(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "../deploy/vigie"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("VIGIE_URL", root.toString());
        pb.environment().put("VIGIE_TOKEN", TOKEN);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("vigie-out", ".txt");
        Path err = Files.createTempFile("vigie-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("deploy/vigie finished").isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
