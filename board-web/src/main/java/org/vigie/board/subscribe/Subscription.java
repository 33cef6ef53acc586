package org.vigie.board.subscribe;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A visitor subscribed to the board's news: incidents and maintenance of the whole board or of chosen services. Kept
 * only while subscribed: unsubscribing deletes the row, with the notifications still waiting for it.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription extends PanacheEntityBase {

    public static final int ADDRESS_MAX = 2000;
    public static final int EMAIL_MAX = 254;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public SubscriptionKind kind;

    /** The email address, or the webhook's URL. */
    public String address;

    /** Comma-separated service slugs; empty: the whole board. */
    public String serviceSlugs;

    /** A webhook's signing secret, sealed by notify's SecretBox. */
    public String secret;

    /** Random, in the confirmation and unsubscribe links: whoever holds it may end the subscription. */
    public String token;

    /** The board's address the links start with ({@code vigie.board.public-url}, else the one subscribed at). */
    public String boardUrl;

    /** When the email's link was followed (a webhook's: at creation); null while waiting. */
    public Instant confirmedAt;

    public Instant createdAt;

    public static Optional<Subscription> byToken(String token) {
        return find("token", token).firstResultOptional();
    }

    public List<String> services() {
        return serviceSlugs == null || serviceSlugs.isBlank()
                ? List.of()
                : Arrays.stream(serviceSlugs.split(",")).map(String::trim).toList();
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    public String confirmUrl() {
        return boardUrl + "/subscribe/confirm/" + token;
    }

    public String unsubscribeUrl() {
        return boardUrl + "/unsubscribe/" + token;
    }
}
