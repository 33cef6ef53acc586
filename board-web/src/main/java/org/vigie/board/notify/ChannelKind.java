package org.vigie.board.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a channel delivers, and the fields it needs ({@link Field}): plain settings shown to admins, secrets stored
 * encrypted and never shown again. A chat's incoming-webhook URL carries its credential, so it is a secret.
 */
public enum ChannelKind {
    WEBHOOK("Webhook", Field.plain("url", true), Field.secret("secret", false), Field.secret("headers", false)),
    SLACK("Slack", Field.secret("url", true)),
    DISCORD("Discord", Field.secret("url", true)),
    TEAMS("Microsoft Teams", Field.secret("url", true)),
    MATTERMOST("Mattermost", Field.secret("url", true)),
    GOOGLE_CHAT("Google Chat", Field.secret("url", true)),
    TELEGRAM("Telegram", Field.secret("token", true), Field.plain("chatId", true)),
    NTFY("ntfy", Field.plain("server", true), Field.plain("topic", true), Field.secret("token", false)),
    GOTIFY("Gotify", Field.plain("server", true), Field.secret("token", true)),
    PAGERDUTY("PagerDuty", Field.secret("routingKey", true)),
    OPSGENIE("Opsgenie", Field.secret("apiKey", true), Field.plain("server", false)),
    EMAIL(
            "Email",
            Field.plain("host", true),
            Field.plain("port", false),
            Field.plain("security", false),
            Field.plain("username", false),
            Field.secret("password", false),
            Field.plain("from", true),
            Field.plain("to", true));

    /** One setting of a channel: its name in the API and the form, whether it is secret, whether it is required. */
    public record Field(String name, boolean secret, boolean required) {
        static Field plain(String name, boolean required) {
            return new Field(name, false, required);
        }

        static Field secret(String name, boolean required) {
            return new Field(name, true, required);
        }
    }

    public final String label;
    public final List<Field> fields;

    ChannelKind(String label, Field... fields) {
        this.label = label;
        this.fields = List.of(fields);
    }

    /** The name in the API: lower case with dashes ({@code google-chat}). */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ChannelKind> of(String slug) {
        return Arrays.stream(values())
                .filter(k -> k.slug().equalsIgnoreCase(slug.trim()))
                .findFirst();
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name.equals(name)).findFirst();
    }
}
