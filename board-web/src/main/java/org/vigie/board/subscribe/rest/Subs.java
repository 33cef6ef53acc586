package org.vigie.board.subscribe.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of the subscription pages (and the layout's Subscribe link), in English; French in
 * {@code messages/subs_fr.properties}. Templates read them as {@code {subs:key}} in the visitor's language.
 */
@MessageBundle(value = "subs", locale = "en")
public interface Subs {

    @Message("Subscribe")
    String subscribe_link();

    @Message("Subscribe to updates")
    String subscribe_title();

    @Message("Be told of incidents and maintenance on {board}.")
    String subscribe_intro(String board);

    @Message("Subscribe to {service}")
    String subscribe_to(String service);

    @Message("By email")
    String by_email();

    @Message("By webhook")
    String by_webhook();

    @Message("Email address")
    String email_label();

    @Message("We send a link to confirm first; nothing else is sent until you follow it.")
    String email_hint();

    @Message("Webhook URL")
    String url_label();

    @Message("An http:// or https:// address that takes the board's signed JSON, as docs/notifications.md describes.")
    String url_hint();

    @Message("Services")
    String services_label();

    @Message("None ticked: the whole board.")
    String services_hint();

    @Message("Subscribe")
    String subscribe_button();

    @Message("Please correct the form:")
    String errors_intro();

    @Message("Check your inbox")
    String check_inbox_title();

    @Message(
            "We sent a link to confirm the subscription. Nothing will be sent until you follow it; it works for {hours} hours.")
    String check_inbox(long hours);

    @Message("Webhook subscribed")
    String webhook_title();

    @Message(
            "Its signing secret, shown this once: each request carries X-Vigie-Signature, the HMAC-SHA256 of the body under it.")
    String webhook_secret();

    @Message("To unsubscribe, open this link (or POST to it):")
    String webhook_unsubscribe();

    @Message("Subscription confirmed")
    String confirmed_title();

    @Message(
            "You are subscribed: you will be told of incidents and maintenance ({what}). Every message carries a link to unsubscribe.")
    String confirmed_text(String what);

    @Message("the whole board")
    String whole_board();

    @Message("Link unknown or expired")
    String unknown_title();

    @Message("This link is unknown or has expired: subscribe again if you wish.")
    String unknown_text();

    @Message("Unsubscribe")
    String unsubscribe_title();

    @Message("Stop every message sent to this subscription?")
    String unsubscribe_question();

    @Message("Unsubscribe")
    String unsubscribe_button();

    @Message("Unsubscribed")
    String unsubscribed_title();

    @Message("Done: nothing more will be sent, and the address is deleted.")
    String unsubscribed_text();

    @Message("Too many tries")
    String too_many_title();

    @Message("Too many subscriptions were asked from here or for this address: try again in {seconds} seconds.")
    String too_many(long seconds);

    @Message("Email not sent")
    String unsent_title();

    @Message("The confirmation email could not be sent. Try again later.")
    String unsent();

    @Message("Form expired")
    String expired_title();

    @Message("This form was not sent from this page, or it has expired: reload the page and try again.")
    String expired();
}
