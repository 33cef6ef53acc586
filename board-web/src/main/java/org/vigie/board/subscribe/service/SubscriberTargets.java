package org.vigie.board.subscribe.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.vigie.board.notify.ChannelKind;
import org.vigie.board.notify.NoticeKind;
import org.vigie.board.notify.NotifyConfig;
import org.vigie.board.notify.service.Notice;
import org.vigie.board.notify.service.Payloads;
import org.vigie.board.notify.service.SecretBox;
import org.vigie.board.notify.service.Subscribers;
import org.vigie.board.notify.service.Texts;
import org.vigie.board.subscribe.SubscribeConfig;
import org.vigie.board.subscribe.SubscriberSettings;
import org.vigie.board.subscribe.Subscription;
import org.vigie.board.subscribe.SubscriptionKind;

/**
 * The board's subscribers as the notifications' outbox sees them: who wants a notice (incidents and maintenance, and
 * status changes when the admin turned them on), and what each gets: the team's email text with an unsubscribe line
 * and {@code List-Unsubscribe} headers, or the team's signed webhook under the subscription's own secret.
 */
@ApplicationScoped
public class SubscriberTargets implements Subscribers {

    /** Where a webhook subscriber finds how to leave. */
    public static final String UNSUBSCRIBE_HEADER = "X-Vigie-Unsubscribe";

    private final SubscribeConfig config;
    private final Payloads payloads;
    private final SecretBox box;
    private final Texts texts;
    private final EntityManager em;

    public SubscriberTargets(
            SubscribeConfig config, Payloads payloads, SecretBox box, NotifyConfig notify, EntityManager em) {
        this.config = config;
        this.payloads = payloads;
        this.box = box;
        this.texts = new Texts(notify.language());
        this.em = em;
    }

    @Override
    public List<Long> wanting(NoticeKind kind, List<String> serviceSlugs) {
        boolean news = switch (kind) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_RESOLVED, MAINTENANCE_STARTED, MAINTENANCE_ENDED -> true;
            case DOWN, WARNING, UNKNOWN, UP -> SubscriberSettings.current().statusChanges;
            case TEST, CERTIFICATE_EXPIRING -> false; // the team's business, not the visitors'
        };
        if (!news) {
            return List.of();
        }
        List<Object[]> rows = em.createQuery(
                        "select s.id, s.serviceSlugs from Subscription s where s.confirmedAt is not null order by s.id",
                        Object[].class)
                .getResultList();
        // a subscriber to chosen services hears of those; a notice about no service in particular goes to everyone
        return rows.stream()
                .filter(r -> {
                    String slugs = (String) r[1];
                    return slugs == null
                            || slugs.isBlank()
                            || serviceSlugs.isEmpty()
                            || List.of(slugs.split(",")).stream().anyMatch(serviceSlugs::contains);
                })
                .map(r -> (Long) r[0])
                .toList();
    }

    @Override
    public Message render(long subscriptionId, Notice notice, long notificationId) {
        Subscription s = Subscription.findById(subscriptionId);
        if (s == null || !s.confirmed()) {
            throw new IllegalStateException("the subscription is gone");
        }
        String leave = s.unsubscribeUrl();
        if (s.kind == SubscriptionKind.WEBHOOK) {
            if (!config.allowPrivateWebhooks()) {
                PublicHosts.problem(s.address).ifPresent(p -> {
                    throw new IllegalStateException("the webhook's URL " + p);
                });
            }
            Payloads.Request r = payloads.render(
                    ChannelKind.WEBHOOK,
                    Map.of("url", s.address),
                    Map.of("secret", box.decrypt(s.secret)),
                    notice,
                    notificationId);
            Map<String, String> headers = new LinkedHashMap<>(r.headers());
            headers.put(UNSUBSCRIBE_HEADER, leave);
            return new Message(new Payloads.Request(r.method(), r.url(), headers, r.body()), null);
        }
        String text = Payloads.plain(notice) + "\n\n-- \n" + texts.say("UNSUBSCRIBE", Map.of("link", leave)) + "\n";
        return new Message(
                null,
                mail(
                        s.address,
                        "[" + Subscriptions.boardName() + "] " + notice.title(),
                        text,
                        Map.of(
                                // RFC 2369 and RFC 8058: mail programs show an unsubscribe button that posts once
                                "List-Unsubscribe",
                                "<" + leave + ">",
                                "List-Unsubscribe-Post",
                                "List-Unsubscribe=One-Click")));
    }

    /** A mail to one visitor through the visitors' SMTP server. */
    Payloads.Mail mail(String to, String subject, String text, Map<String, String> headers) {
        SubscribeConfig.Smtp smtp = config.smtp();
        String host = smtp.host()
                .filter(h -> !h.isBlank())
                .orElseThrow(
                        () -> new IllegalStateException("no SMTP server for visitors (vigie.subscribe.smtp.host)"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", host);
        settings.put("security", smtp.security());
        smtp.port().ifPresent(p -> settings.put("port", String.valueOf(p)));
        smtp.username().ifPresent(u -> settings.put("username", u));
        settings.put("from", smtp.from());
        settings.put("to", to);
        Map<String, String> secrets = new LinkedHashMap<>();
        smtp.password().ifPresent(p -> secrets.put("password", p));
        // the team's email channel's server settings (ports, TLS, login), with the visitor's words
        Payloads.Mail m = payloads.mail(settings, secrets, Notice.plain(NoticeKind.TEST, subject, text, null, ""));
        return new Payloads.Mail(
                m.host(),
                m.port(),
                m.security(),
                m.username(),
                m.password(),
                m.from(),
                List.of(to),
                subject,
                text,
                headers);
    }
}
