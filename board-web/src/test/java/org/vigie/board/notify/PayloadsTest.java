package org.vigie.board.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.vigie.board.notify.service.Notice;
import org.vigie.board.notify.service.Payloads;
import org.vigie.board.notify.service.Payloads.Request;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Each provider's request has the shape its documentation gives (docs/notifications.md links them). */
@QuarkusTest
class PayloadsTest {

    static final Notice DOWN = new Notice(
            NoticeKind.DOWN,
            "shop is down",
            "connection refused <@everyone>",
            "https://status.example.org/services/shop",
            "2026-12-05T10:00:00Z",
            "shop",
            "Shop",
            "down",
            null,
            null,
            null,
            null,
            null,
            false);

    static final Notice UP = new Notice(
            NoticeKind.UP,
            "shop is back up after 3 min",
            "HTTP 200",
            "https://status.example.org/services/shop",
            "2026-12-05T10:03:00Z",
            "shop",
            "Shop",
            "up",
            180L,
            null,
            null,
            null,
            null,
            false);

    @Inject
    Payloads payloads;

    private Request render(ChannelKind kind, Map<String, String> settings, Map<String, String> secrets, Notice n) {
        return payloads.render(kind, settings, secrets, n, 42);
    }

    private static JsonPath json(Request r) {
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.headers()).containsEntry("Content-Type", "application/json");
        return JsonPath.from(r.body());
    }

    @Test
    void webhookIsTheDocumentedJsonSigned() {
        Request r = render(ChannelKind.WEBHOOK, Map.of("url", "https://h.example.org/x"), Map.of("secret", "k"), UP);
        JsonPath j = json(r);
        assertThat(r.url()).isEqualTo("https://h.example.org/x");
        assertThat(j.getLong("id")).isEqualTo(42);
        assertThat(j.getString("kind")).isEqualTo("up");
        assertThat(j.getString("title")).isEqualTo("shop is back up after 3 min");
        assertThat(j.getString("service.slug")).isEqualTo("shop");
        assertThat(j.getString("service.status")).isEqualTo("up");
        assertThat(j.getLong("service.outageSeconds")).isEqualTo(180);
        assertThat(j.getString("link")).isEqualTo("https://status.example.org/services/shop");
        assertThat(r.headers().get(Payloads.SIGNATURE)).isEqualTo("sha256=" + Payloads.hmac("k", r.body()));
    }

    @Test
    void slackHasTextAndAMrkdwnSection() {
        JsonPath j = json(render(ChannelKind.SLACK, Map.of(), Map.of("url", "https://hooks.slack.com/s/x"), DOWN));
        assertThat(j.getString("text")).isEqualTo("shop is down");
        assertThat(j.getString("blocks[0].type")).isEqualTo("section");
        assertThat(j.getString("blocks[0].text.type")).isEqualTo("mrkdwn");
        assertThat(j.getString("blocks[0].text.text"))
                .contains("*shop is down*")
                .contains("&lt;@everyone&gt;")
                .contains("<https://status.example.org/services/shop|");
    }

    @Test
    void bodiesKeepTheirFieldsInTheWrittenOrder() {
        // every board-web must send one notification as the same bytes, retry after retry
        assertThat(render(ChannelKind.SLACK, Map.of(), Map.of("url", "https://hooks.slack.com/s/x"), DOWN)
                        .body())
                .startsWith(
                        "{\"text\":\"shop is down\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",");
        assertThat(render(ChannelKind.DISCORD, Map.of(), Map.of("url", "https://discord.com/api/webhooks/1/x"), DOWN)
                        .body())
                .startsWith("{\"username\":\"Vigie\",\"content\":\"shop is down\",\"embeds\":[")
                .endsWith("],\"allowed_mentions\":{\"parse\":[]}}");
        assertThat(render(ChannelKind.TELEGRAM, Map.of("chatId", "7"), Map.of("token", "t"), DOWN)
                        .body())
                .startsWith("{\"chat_id\":\"7\",\"text\":");
    }

    @Test
    void discordHasContentAnEmbedAndNoMentions() {
        JsonPath j = json(
                render(ChannelKind.DISCORD, Map.of(), Map.of("url", "https://discord.com/api/webhooks/1/x"), DOWN));
        assertThat(j.getString("content")).isEqualTo("shop is down");
        assertThat(j.getString("embeds[0].title")).isEqualTo("shop is down");
        assertThat(j.getString("embeds[0].description")).contains("connection refused");
        assertThat(j.getString("embeds[0].url")).isEqualTo("https://status.example.org/services/shop");
        assertThat(j.getInt("embeds[0].color")).isEqualTo(0xD93025);
        assertThat(j.getList("allowed_mentions.parse")).isEmpty();
    }

    @Test
    void teamsIsAMessageWithAnAdaptiveCard() {
        JsonPath j = json(render(ChannelKind.TEAMS, Map.of(), Map.of("url", "https://x.logic.azure.com/wf"), DOWN));
        assertThat(j.getString("type")).isEqualTo("message");
        assertThat(j.getString("attachments[0].contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(j.getString("attachments[0].content.type")).isEqualTo("AdaptiveCard");
        assertThat(j.getString("attachments[0].content.$schema"))
                .isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(j.getString("attachments[0].content.body[0].type")).isEqualTo("TextBlock");
        assertThat(j.getString("attachments[0].content.body[0].text")).isEqualTo("shop is down");
        assertThat(j.getString("attachments[0].content.actions[0].type")).isEqualTo("Action.OpenUrl");
    }

    @Test
    void mattermostAndGoogleChatHaveText() {
        JsonPath mm =
                json(render(ChannelKind.MATTERMOST, Map.of(), Map.of("url", "https://mm.example.org/hooks/x"), DOWN));
        assertThat(mm.getString("text")).startsWith("**shop is down**");
        JsonPath gc = json(
                render(ChannelKind.GOOGLE_CHAT, Map.of(), Map.of("url", "https://chat.googleapis.com/v1/x"), DOWN));
        assertThat(gc.getString("text"))
                .startsWith("*shop is down*")
                .contains("<https://status.example.org/services/shop|");
    }

    @Test
    void telegramCallsSendMessage() {
        Request r = render(ChannelKind.TELEGRAM, Map.of("chatId", "-1001234"), Map.of("token", "123:abc"), DOWN);
        assertThat(r.url()).isEqualTo("https://api.telegram.org/bot123:abc/sendMessage");
        JsonPath j = json(r);
        assertThat(j.getString("chat_id")).isEqualTo("-1001234");
        assertThat(j.getString("text")).startsWith("shop is down\n");
    }

    @Test
    void ntfyAndGotify() {
        Request n = render(
                ChannelKind.NTFY, Map.of("server", "https://ntfy.sh", "topic", "ops"), Map.of("token", "tk_1"), DOWN);
        assertThat(n.url()).isEqualTo("https://ntfy.sh/");
        assertThat(n.headers()).containsEntry("Authorization", "Bearer tk_1");
        JsonPath j = json(n);
        assertThat(j.getString("topic")).isEqualTo("ops");
        assertThat(j.getString("title")).isEqualTo("shop is down");
        assertThat(j.getInt("priority")).isEqualTo(5);
        assertThat(j.getList("tags")).containsExactly("rotating_light");
        assertThat(j.getString("click")).isEqualTo("https://status.example.org/services/shop");

        Request g =
                render(ChannelKind.GOTIFY, Map.of("server", "https://push.example.org/"), Map.of("token", "AbC"), DOWN);
        assertThat(g.url()).isEqualTo("https://push.example.org/message");
        assertThat(g.headers()).containsEntry("X-Gotify-Key", "AbC");
        JsonPath gj = json(g);
        assertThat(gj.getString("title")).isEqualTo("shop is down");
        assertThat(gj.getInt("priority")).isEqualTo(8);
        assertThat(gj.getString("extras.'client::notification'.click.url"))
                .isEqualTo("https://status.example.org/services/shop");
    }

    @Test
    void pagerDutyTriggersOnDownAndResolvesOnUpWithTheSameDedupKey() {
        JsonPath down = json(render(ChannelKind.PAGERDUTY, Map.of(), Map.of("routingKey", "R1"), DOWN));
        assertThat(down.getString("routing_key")).isEqualTo("R1");
        assertThat(down.getString("event_action")).isEqualTo("trigger");
        assertThat(down.getString("dedup_key")).isEqualTo("vigie-shop");
        assertThat(down.getString("payload.summary")).isEqualTo("shop is down");
        assertThat(down.getString("payload.source")).isEqualTo("shop");
        assertThat(down.getString("payload.severity")).isEqualTo("critical");
        JsonPath up = json(render(ChannelKind.PAGERDUTY, Map.of(), Map.of("routingKey", "R1"), UP));
        assertThat(up.getString("event_action")).isEqualTo("resolve");
        assertThat(up.getString("dedup_key")).isEqualTo("vigie-shop");
        assertThat(up.getMap("$")).doesNotContainKey("payload");
    }

    @Test
    void opsgenieCreatesAndClosesByAlias() {
        Request create = render(ChannelKind.OPSGENIE, Map.of(), Map.of("apiKey", "G1"), DOWN);
        assertThat(create.url()).isEqualTo("https://api.opsgenie.com/v2/alerts");
        assertThat(create.headers()).containsEntry("Authorization", "GenieKey G1");
        JsonPath j = json(create);
        assertThat(j.getString("message")).isEqualTo("shop is down");
        assertThat(j.getString("alias")).isEqualTo("vigie-shop");
        assertThat(j.getString("priority")).isEqualTo("P1");
        Request close = render(
                ChannelKind.OPSGENIE, Map.of("server", "https://api.eu.opsgenie.com"), Map.of("apiKey", "G1"), UP);
        assertThat(close.url())
                .isEqualTo("https://api.eu.opsgenie.com/v2/alerts/vigie-shop/close?identifierType=alias");
        assertThat(json(close).getString("source")).isEqualTo("Vigie");
    }
}
