package org.vigie.board.subscribe.service;

import static org.vigie.board.web.Inputs.trimToNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.vigie.board.notify.NotifyConfig;
import org.vigie.board.notify.service.ChannelCatalog;
import org.vigie.board.notify.service.Deliverer;
import org.vigie.board.notify.service.Links;
import org.vigie.board.notify.service.SecretBox;
import org.vigie.board.notify.service.Texts;
import org.vigie.board.service.Service;
import org.vigie.board.settings.BoardSettings;
import org.vigie.board.subscribe.SubscribeConfig;
import org.vigie.board.subscribe.SubscriberSettings;
import org.vigie.board.subscribe.Subscription;
import org.vigie.board.subscribe.SubscriptionKind;
import org.vigie.board.web.Inputs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Visitors subscribing and leaving: an email subscription waits for its confirmation link (double opt-in) and is
 * deleted unconfirmed after {@code vigie.subscribe.confirm-within}; a webhook one is active at once, with a signing
 * secret shown once. Unsubscribing deletes the row. Addresses never reach the log.
 */
@ApplicationScoped
public class Subscriptions {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One address: no list, no display name, nothing a mail header could be split on. */
    private static final String EMAIL = "[^@\\s,;<>\"()\\[\\]]+@[^@\\s,;<>\"()\\[\\]]+\\.[^@\\s,;<>\"()\\[\\]]+";

    /** What the subscribe form sends: {@code kind} email or webhook, its address, the services (none: all). */
    public record SubscribeInput(String kind, String email, String url, List<String> services) {}

    /** What subscribing gave. */
    public sealed interface Outcome permits Subscribed, Throttled, Unsent {}

    /** Done: an email to confirm, or a webhook with its secret and unsubscribe link (shown this once). */
    public record Subscribed(SubscriptionKind kind, String secret, String unsubscribeUrl) implements Outcome {}

    /** Too many tries from this client or for this address: try again after this long. */
    public record Throttled(Duration retryAfter) implements Outcome {}

    /** The confirmation email could not be sent: nothing was kept. */
    public record Unsent() implements Outcome {}

    /** The counts the admin page shows: confirmed ones by kind, those waiting, and per chosen service. */
    public record Counts(long email, long webhook, long waiting, long wholeBoard, Map<String, Long> byService) {}

    private final SubscribeConfig config;
    private final SubscribeLimits limits;
    private final Links links;
    private final SecretBox box;
    private final Deliverer deliverer;
    private final SubscriberTargets targets;
    private final Texts texts;
    private final Clock clock;

    public Subscriptions(
            SubscribeConfig config,
            SubscribeLimits limits,
            Links links,
            SecretBox box,
            Deliverer deliverer,
            SubscriberTargets targets,
            NotifyConfig notify,
            Clock clock) {
        this.config = config;
        this.limits = limits;
        this.links = links;
        this.box = box;
        this.deliverer = deliverer;
        this.targets = targets;
        this.texts = new Texts(notify.language());
        this.clock = clock;
    }

    /** Whether visitors may subscribe by email: an SMTP server is set. */
    public boolean byEmail() {
        return config.smtp().host().filter(h -> !h.isBlank()).isPresent();
    }

    /**
     * Subscribes, counted by the rate limit first (bad input counts too). {@code requestBase} is the board's address
     * as this request reached it, for the links when {@code vigie.board.public-url} is not set.
     *
     * @throws org.vigie.board.web.InvalidInput naming the field that is wrong
     */
    public Outcome subscribe(SubscribeInput in, String clientAddress, String requestBase) {
        String kindText = trimToNull(in.kind());
        SubscriptionKind kind = kindText == null
                ? (trimToNull(in.url()) != null && trimToNull(in.email()) == null
                        ? SubscriptionKind.WEBHOOK
                        : SubscriptionKind.EMAIL)
                : switch (kindText.toLowerCase(Locale.ROOT)) {
                    case "email" -> SubscriptionKind.EMAIL;
                    case "webhook" -> SubscriptionKind.WEBHOOK;
                    default -> null;
                };
        String address = trimToNull(kind == SubscriptionKind.WEBHOOK ? in.url() : in.email());
        Optional<Duration> wait = limits.take(clientAddress, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        Inputs inputs = new Inputs();
        if (kind == null) {
            inputs.error("kind", "kind is email or webhook");
            inputs.throwIfAny();
        }
        if (kind == SubscriptionKind.EMAIL) {
            address = inputs.required("email", in.email(), Subscription.EMAIL_MAX);
            if (address != null && !inputs.has("email") && !address.matches(EMAIL)) {
                inputs.error("email", "email is not an email address");
            } else if (!byEmail()) {
                inputs.error("email", "email: this board sends no email; subscribe with a webhook");
            }
        } else {
            address = inputs.required("url", in.url(), Subscription.ADDRESS_MAX);
            if (address != null && !inputs.has("url")) {
                ChannelCatalog.url(inputs, "url", address);
            }
            if (address != null && !inputs.has("url") && !config.allowPrivateWebhooks()) {
                String url = address;
                PublicHosts.problem(url).ifPresent(p -> inputs.error("url", "url " + p));
            }
        }
        String base = links.board() != null ? links.board() : requestBase;
        String boardUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String token = random(32);
        String secret = kind == SubscriptionKind.WEBHOOK ? random(24) : null;
        String finalAddress = address;
        List<String> services = QuarkusTransaction.requiringNew().call(() -> services(inputs, in.services()));
        inputs.throwIfAny();
        Created created = QuarkusTransaction.requiringNew().call(() -> {
            Subscription s = new Subscription();
            s.kind = kind;
            s.address = finalAddress;
            s.serviceSlugs = services.isEmpty() ? null : String.join(",", services);
            s.secret = secret == null ? null : box.encrypt(secret);
            s.token = token;
            s.boardUrl = boardUrl;
            s.createdAt = clock.instant();
            s.confirmedAt = kind == SubscriptionKind.WEBHOOK ? s.createdAt : null;
            s.persist();
            return new Created(s.id, s.unsubscribeUrl(), s.confirmUrl(), describe(services), boardName());
        });
        if (kind == SubscriptionKind.WEBHOOK) {
            return new Subscribed(kind, secret, created.unsubscribeUrl());
        }
        String subject = texts.say("CONFIRM_SUBJECT", Map.of("board", created.board()));
        String text = texts.say(
                "CONFIRM_TEXT",
                Map.of(
                        "board",
                        created.board(),
                        "what",
                        created.what(),
                        "hours",
                        String.valueOf(config.confirmWithin().toHours()),
                        "link",
                        created.confirmUrl()));
        try {
            deliverer
                    .mail(targets.mail(address, subject, text + "\n", Map.of()))
                    .await()
                    .atMost(Duration.ofMinutes(1));
            return new Subscribed(kind, null, null);
        } catch (RuntimeException e) {
            // the class only: an SMTP server's refusal may quote the address
            LOG.warnf(
                    "subscriptions: confirmation email for subscription %d not sent: %s",
                    created.id(), e.getClass().getSimpleName());
            QuarkusTransaction.requiringNew().run(() -> Subscription.deleteById(created.id()));
            return new Unsent();
        }
    }

    private record Created(long id, String unsubscribeUrl, String confirmUrl, String what, String board) {}

    /** The slugs chosen, each a service of the board. */
    private static List<String> services(Inputs inputs, List<String> chosen) {
        Set<String> slugs = new LinkedHashSet<>();
        for (String c : chosen == null ? List.<String>of() : chosen) {
            for (String part : c.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    slugs.add(part.trim());
                }
            }
        }
        if (slugs.size() > 100) {
            inputs.error("services", "services: at most 100");
            return List.of();
        }
        for (String slug : slugs) {
            if (slug.length() > 64 || Service.findBySlug(slug).isEmpty()) {
                inputs.error("services", "services: \"" + cut(slug) + "\" is not a service of this board");
            }
        }
        return new ArrayList<>(slugs);
    }

    private String describe(List<String> slugs) {
        return slugs.isEmpty()
                ? texts.say("WHOLE_BOARD", Map.of())
                : String.join(
                        ", ",
                        slugs.stream()
                                .map(s -> Service.findBySlug(s).map(v -> v.name).orElse(s))
                                .toList());
    }

    static String boardName() {
        BoardSettings b = BoardSettings.current();
        return b == null || b.name == null ? "Vigie" : b.name;
    }

    /**
     * Follows an email's confirmation link: the subscription is active from now on and replaces any earlier one of
     * the same address (so a stranger's subscribe form cannot change someone's choice unconfirmed). Empty when the
     * link is unknown or expired (an expired subscription is deleted).
     */
    @Transactional
    public Optional<Subscription> confirm(String token) {
        Optional<Subscription> found = byToken(token);
        if (found.isEmpty()) {
            return found;
        }
        Subscription s = found.get();
        if (s.confirmedAt == null) {
            if (s.createdAt.plus(config.confirmWithin()).isBefore(clock.instant())) {
                s.delete();
                return Optional.empty();
            }
            Subscription.delete("kind = ?1 and address = ?2 and id <> ?3", s.kind, s.address, s.id);
            s.confirmedAt = clock.instant();
        }
        return Optional.of(s);
    }

    /** Whether this token is a subscription's (the unsubscribe page asks before its one click). */
    @Transactional
    public boolean known(String token) {
        return byToken(token).isPresent();
    }

    /** Unsubscribes: the row is deleted, with its waiting notifications. False when the token is unknown. */
    @Transactional
    public boolean unsubscribe(String token) {
        return byToken(token)
                .map(s -> {
                    s.delete();
                    return true;
                })
                .orElse(false);
    }

    private static Optional<Subscription> byToken(String token) {
        return token == null || token.length() > 64 ? Optional.empty() : Subscription.byToken(token);
    }

    @Scheduled(
            identity = "subscriptions-sweep",
            every = "${vigie.subscribe.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        sweep();
    }

    /** Deletes the subscriptions left unconfirmed past their link's life; returns how many. */
    @Transactional
    public long sweep() {
        Instant before = clock.instant().minus(config.confirmWithin());
        return Subscription.delete("confirmedAt is null and createdAt < ?1", before);
    }

    /** The admin's counts. */
    @Transactional
    public Counts counts() {
        List<Subscription> confirmed = Subscription.list("confirmedAt is not null");
        Map<String, Long> byService = new java.util.TreeMap<>();
        long whole = 0;
        for (Subscription s : confirmed) {
            if (s.services().isEmpty()) {
                whole++;
            }
            s.services().forEach(slug -> byService.merge(slug, 1L, Long::sum));
        }
        return new Counts(
                confirmed.stream().filter(s -> s.kind == SubscriptionKind.EMAIL).count(),
                confirmed.stream()
                        .filter(s -> s.kind == SubscriptionKind.WEBHOOK)
                        .count(),
                Subscription.count("confirmedAt is null"),
                whole,
                byService);
    }

    /** The admin removes a subscriber by their email address or URL (every subscription of it); returns how many. */
    @Transactional
    public long remove(String address) {
        String a = trimToNull(address);
        if (a == null) {
            Inputs inputs = new Inputs();
            inputs.error("address", "address is required: the subscriber's email address or webhook URL");
            inputs.throwIfAny();
        }
        return Subscription.delete("address", a);
    }

    @Transactional
    public boolean statusChanges() {
        return SubscriberSettings.current().statusChanges;
    }

    @Transactional
    public void statusChanges(boolean on) {
        SubscriberSettings.current().statusChanges = on;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String cut(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
