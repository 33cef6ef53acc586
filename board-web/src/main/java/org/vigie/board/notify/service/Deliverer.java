package org.vigie.board.notify.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.vigie.board.notify.Channel;
import org.vigie.board.notify.ChannelKind;
import org.vigie.board.notify.DeliveryAttempt;
import org.vigie.board.notify.DeliveryState;
import org.vigie.board.notify.Notification;
import org.vigie.board.notify.NotifyConfig;
import org.vigie.board.notify.service.Payloads.Request;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.mail.MailClient;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Delivers the outbox. Each pass claims due notifications ({@code SELECT ... FOR UPDATE SKIP LOCKED}) and leases them
 * (state SENDING, due again only when the lease ends) in a short transaction, so two board-webs never take the same
 * one; sends them all at once on the Vert.x event loop through one web client, the pass's thread (a scheduler worker,
 * never the event loop) waiting for their answers; then records each answer in another transaction: sent on a 2xx,
 * retried with exponential back-off on a network error, a 5xx, 408 or 429, failed on another 4xx or when the attempts
 * are spent. A board-web that dies between sending and recording leaves the notification due again when its lease
 * ends: the one case where a receiver may get it twice (the webhook's {@code id} lets it tell).
 */
@ApplicationScoped
public class Deliverer {

    private static final Logger LOG = Logger.getLogger(Deliverer.class);

    private final NotifyConfig config;
    private final Payloads payloads;
    private final ChannelSettings channels;
    private final Subscribers subscribers;
    private final ObjectMapper json;
    private final Clock clock;
    private final DataSource dataSource;
    private final WebClient client;
    private final Vertx vertx;
    private final RateSlots rates;

    public Deliverer(
            NotifyConfig config,
            Payloads payloads,
            ChannelSettings channels,
            Subscribers subscribers,
            ObjectMapper json,
            Clock clock,
            DataSource dataSource,
            Vertx vertx,
            RateSlots rates) {
        this.config = config;
        this.payloads = payloads;
        this.channels = channels;
        this.subscribers = subscribers;
        this.json = json;
        this.clock = clock;
        this.dataSource = dataSource;
        this.vertx = vertx;
        this.rates = rates;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setIdleTimeout((int) config.idleTimeout().toMillis())
                        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                        .setUserAgent("Vigie")
                        .setFollowRedirects(false)
                        .setMaxPoolSize(8));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Scheduled(
            identity = "notify-deliver",
            every = "${vigie.notify.deliver-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warnf("notifications: delivery pass failed: %s", e.toString());
        }
    }

    /**
     * A claimed notification: what to send, or why it cannot be (its channel's secrets unreadable, say). Its
     * {@code queue} is its channel's id, or minus its subscription's: what is sent in order and rate-limited.
     */
    record Claimed(long id, long queue, int attempt, Request request, Payloads.Mail mail, String problem) {}

    /** What the receiver said. */
    record Answer(Claimed claimed, Integer status, String body, String error) {
        boolean accepted() {
            return status != null && status >= 200 && status < 300;
        }

        boolean retryable() {
            return claimed.problem == null && (status == null || status >= 500 || status == 408 || status == 429);
        }
    }

    /** One pass: claims what is due, sends it, records the answers. Returns how many were sent or tried. */
    public int deliverDue() {
        List<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        // channels at once, each channel's notifications one after the other in the order they were written (a
        // chat shows Down before Up)
        Map<Long, List<Claimed>> byChannel = claimed.stream()
                .collect(Collectors.groupingBy(Claimed::queue, LinkedHashMap::new, Collectors.toList()));
        List<Uni<List<Answer>>> sends = byChannel.values().stream()
                .map(queue -> Multi.createFrom()
                        .iterable(queue)
                        .onItem()
                        .transformToUniAndConcatenate(this::send)
                        .collect()
                        .asList())
                .toList();
        Duration wait = config.requestTimeout().multipliedBy(claimed.size()).plusSeconds(5);
        List<Answer> answers = Uni.join().all(sends).andFailFast().await().atMost(wait).stream()
                .flatMap(List::stream)
                .toList();
        QuarkusTransaction.requiringNew().run(() -> answers.forEach(this::record));
        return answers.size();
    }

    private static final String CLAIM = "SELECT id, channel_id, subscription_id FROM notifications"
            + " WHERE state IN ('PENDING', 'RETRYING', 'SENDING', 'THROTTLED') AND next_attempt_at <= ?"
            + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String LEASE = "UPDATE notifications SET state = 'SENDING', next_attempt_at = ? WHERE id = ?";
    private static final String LATER =
            "UPDATE notifications SET state = 'THROTTLED', next_attempt_at = ? WHERE id = ?";

    /**
     * Claims due notifications and leases them, in one short transaction of its own at READ COMMITTED: a locking read
     * at REPEATABLE READ also locks the gaps of the index it scans, and two deliverers moving rows within that index
     * would deadlock on each other's gaps. Times are bound as UTC {@link LocalDateTime}s, as the dispatcher does.
     */
    private List<Claimed> claim() {
        Instant now = clock.instant();
        // a channel's notifications go one after the other: the lease outlasts a whole batch's worst case
        Duration worst =
                config.requestTimeout().multipliedBy(config.batchSize()).plusSeconds(30);
        Instant leaseEnd = now.plus(config.lease().compareTo(worst) > 0 ? config.lease() : worst);
        List<long[]> leased = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (PreparedStatement select = c.prepareStatement(CLAIM);
                    PreparedStatement lease = c.prepareStatement(LEASE);
                    PreparedStatement later = c.prepareStatement(LATER)) {
                select.setObject(1, utc(now));
                select.setInt(2, config.batchSize());
                Map<Long, List<Long>> due = new LinkedHashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        // a channel's id, or minus a subscription's
                        long queue = rows.getObject(2) != null ? rows.getLong(2) : -rows.getLong(3);
                        due.computeIfAbsent(queue, k -> new ArrayList<>()).add(rows.getLong(1));
                    }
                }
                for (Map.Entry<Long, List<Long>> channel : due.entrySet()) {
                    List<Long> ids = channel.getValue();
                    // the channel's rate, all board-webs together: the first ones in order go, the rest wait
                    // (a subscriber's notifications, one per event, are not limited)
                    RateSlots.Grant grant = channel.getKey() > 0
                            ? rates.take(c, channel.getKey(), ids.size(), now)
                            : new RateSlots.Grant(ids.size(), null);
                    for (int i = 0; i < ids.size(); i++) {
                        PreparedStatement update = i < grant.granted() ? lease : later;
                        update.setObject(1, utc(i < grant.granted() ? leaseEnd : grant.nextFree()));
                        update.setLong(2, ids.get(i));
                        update.addBatch();
                        if (i < grant.granted()) {
                            leased.add(new long[] {ids.get(i), channel.getKey()});
                        }
                    }
                }
                lease.executeBatch();
                later.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("notifications: cannot claim: " + e.getMessage(), e);
        }
        if (leased.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> leased.stream()
                        .map(l -> prepare(Notification.findById(l[0]), l[1]))
                        .toList());
    }

    static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private Claimed prepare(Notification n, long queue) {
        try {
            Channel c = n.channel;
            Notice notice = json.readValue(n.message, Notice.class);
            if (c == null) {
                Subscribers.Message m = subscribers.render(n.subscriptionId, notice, n.id);
                return new Claimed(n.id, queue, n.attempts + 1, m.request(), m.mail(), null);
            }
            if (c.kind == ChannelKind.EMAIL) {
                Payloads.Mail mail = payloads.mail(channels.settings(c), channels.secrets(c), notice);
                return new Claimed(n.id, queue, n.attempts + 1, null, mail, null);
            }
            Request request = payloads.render(c.kind, channels.settings(c), channels.secrets(c), notice, n.id);
            return new Claimed(n.id, queue, n.attempts + 1, request, null, null);
        } catch (Exception e) {
            return new Claimed(n.id, queue, n.attempts + 1, null, null, e.getMessage());
        }
    }

    private Uni<Answer> send(Claimed c) {
        if (c.problem != null) {
            return Uni.createFrom().item(new Answer(c, null, null, c.problem));
        }
        if (c.mail != null) {
            return mail(c.mail)
                    .map(accepted -> new Answer(c, 250, accepted, null))
                    .onFailure()
                    .recoverWithItem(e -> new Answer(c, null, null, describe(e)));
        }
        Request r = c.request;
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.valueOf(r.method()), r.url())
                .timeout(config.requestTimeout().toMillis());
        r.headers().forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(r.body()))
                .ifNoItem()
                .after(config.requestTimeout()) // the client's timeout counts silence; this bounds the whole request
                .fail()
                .map(response -> new Answer(c, response.statusCode(), response.bodyAsString(), null))
                .onFailure()
                .recoverWithItem(e -> new Answer(c, null, null, describe(e)));
    }

    /**
     * Sends a message through its own SMTP server, with a client made for it and closed after: its server, port, TLS
     * and login are the message's (an email channel's, or the visitors' sender). Answers what the server accepted;
     * fails when it did not. Public for mail that is not a notification (a subscription's confirmation).
     */
    public Uni<String> mail(Payloads.Mail m) {
        MailConfig mailConfig = new MailConfig()
                .setHostname(m.host())
                .setPort(m.port())
                .setSsl(m.security().equals("tls"))
                .setStarttls(m.security().equals("starttls") ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(1)
                .setKeepAlive(false);
        if (m.username() != null && !m.username().isBlank()) {
            mailConfig.setLogin(LoginOption.REQUIRED).setUsername(m.username()).setPassword(m.password());
        } else {
            mailConfig.setLogin(LoginOption.DISABLED);
        }
        MailClient mailer = MailClient.create(vertx, mailConfig);
        MailMessage message = new MailMessage()
                .setFrom(m.from())
                .setTo(m.to())
                .setSubject(m.subject())
                .setText(m.text());
        m.headers().forEach(message::addHeader);
        return mailer.sendMail(message)
                .ifNoItem()
                .after(config.requestTimeout())
                .fail()
                .map(result -> "accepted for " + String.join(", ", result.getRecipients()))
                .eventually(mailer::close);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void record(Answer a) {
        Notification n = Notification.findById(a.claimed.id);
        if (n == null || n.state != DeliveryState.SENDING || n.attempts != a.claimed.attempt - 1) {
            return; // deleted with its channel, or its lease ended and another deliverer has it now
        }
        Instant now = clock.instant();
        n.attempts = a.claimed.attempt;
        n.responseStatus = a.status;
        n.responseBody = Notification.cut(a.body);
        n.error = Notification.cut(a.error);
        if (a.accepted()) {
            n.state = DeliveryState.SENT;
            n.sentAt = now;
        } else if (a.retryable() && n.attempts < config.attempts()) {
            n.state = DeliveryState.RETRYING;
            n.nextAttemptAt = now.plus(backOff(n.attempts));
        } else {
            n.state = DeliveryState.FAILED;
            LOG.warnf(
                    "notifications: %d to %s failed after %d attempts: %s",
                    n.id,
                    // a subscriber by number: their address stays out of the log
                    n.channel == null ? "subscription " + n.subscriptionId : "channel " + n.channel.name,
                    n.attempts,
                    a.error == null
                            ? "HTTP " + a.status
                            // an SMTP server's refusal may quote the visitor's address
                            : n.channel == null ? a.error.replaceAll("[^\\s<>:@]+@[^\\s<>]+", "<address>") : a.error);
        }
        DeliveryAttempt attempt = new DeliveryAttempt();
        attempt.notificationId = n.id;
        attempt.attempt = n.attempts;
        attempt.at = now;
        attempt.outcome = n.state;
        attempt.responseStatus = n.responseStatus;
        attempt.responseBody = n.responseBody;
        attempt.error = n.error;
        attempt.persist();
    }

    /** The wait after the {@code attempts}-th failure: base, doubled each time, at most the max. */
    Duration backOff(int attempts) {
        Duration d = config.baseDelay().multipliedBy(1L << Math.min(30, attempts - 1));
        return d.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : d;
    }
}
