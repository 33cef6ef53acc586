package org.vigie.board.subscribe.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.vigie.board.admin.ui.LoginPage;
import org.vigie.board.service.Service;
import org.vigie.board.site.PublicBoard;
import org.vigie.board.site.Visitor;
import org.vigie.board.site.VisitorResolver;
import org.vigie.board.site.rest.PageResponse;
import org.vigie.board.site.view.BoardInfo;
import org.vigie.board.subscribe.SubscribeConfig;
import org.vigie.board.subscribe.Subscription;
import org.vigie.board.subscribe.service.Subscriptions;
import org.vigie.board.subscribe.service.Subscriptions.SubscribeInput;
import org.vigie.board.web.InvalidInput;
import org.vigie.board.web.SecurityHeaders;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * The visitors' subscription pages: {@code /subscribe} (the form, by email or webhook, for the whole board or chosen
 * services), {@code /subscribe/confirm/{token}} (the email's link) and {@code /unsubscribe/{token}} (asks, then one
 * click; a POST there, as mail programs send for {@code List-Unsubscribe-Post}, unsubscribes at once). In the
 * board's layout and the visitor's language.
 *
 * <p>The form is protected as the admin's login form is: a random token in an HttpOnly, SameSite=Strict cookie and
 * in a hidden field, compared on POST (double submit). Unsubscribing needs no such token: the link's own token is
 * the credential, and a mail program's one-click POST carries no cookie.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SubscribePages {

    static final String CSRF_COOKIE = "vigie-subscribe-csrf";
    static final String CSRF_FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(
                BoardInfo board,
                Visitor v,
                String csrf,
                boolean byEmail,
                String kind,
                String email,
                String url,
                List<ServiceChoice> services,
                Map<String, String> errors);

        static native TemplateInstance message(
                BoardInfo board, Visitor v, String title, String text, String secret, String link);

        static native TemplateInstance unsubscribe(BoardInfo board, Visitor v, String token);
    }

    public record ServiceChoice(String slug, String name, boolean checked) {}

    private final PublicBoard board;
    private final VisitorResolver visitors;
    private final Subscriptions subscriptions;
    private final SubscribeConfig config;
    private final SecurityHeaders securityHeaders;

    public SubscribePages(
            PublicBoard board,
            VisitorResolver visitors,
            Subscriptions subscriptions,
            SubscribeConfig config,
            SecurityHeaders securityHeaders) {
        this.board = board;
        this.visitors = visitors;
        this.subscriptions = subscriptions;
        this.config = config;
        this.securityHeaders = securityHeaders;
    }

    /** A page's answer: its status and template, and what the response needs of the visitor and board. */
    private record Rendered(int status, TemplateInstance template, Visitor visitor, BoardInfo info) {}

    @FunctionalInterface
    private interface Page {
        Rendered build(BoardInfo info, Visitor v, Subs words);
    }

    @GET
    @Path("subscribe")
    public Response form(
            @RestQuery String service,
            @RestCookie(CSRF_COOKIE) String known,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        String csrf = known != null && known.matches("[A-Za-z0-9_-]{32}") ? known : token();
        Response page = page(
                uri,
                headers,
                (info, v, words) -> new Rendered(
                        200,
                        Templates.form(
                                info,
                                v,
                                csrf,
                                subscriptions.byEmail(),
                                subscriptions.byEmail() ? "email" : "webhook",
                                "",
                                "",
                                choices(service == null ? List.of() : List.of(service)),
                                Map.of()),
                        v,
                        info));
        return csrf.equals(known) ? page : withCookie(page, csrf);
    }

    @POST
    @Path("subscribe")
    public Response subscribe(
            @RestForm String kind,
            @RestForm String email,
            @RestForm String url,
            @RestForm List<String> services,
            @RestForm(CSRF_FIELD) String sent,
            @RestCookie(CSRF_COOKIE) String expected,
            @Context HttpServerRequest request,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        if (expected == null
                || sent == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return message(uri, headers, 403, w -> w.expired_title(), w -> w.expired(), null, null);
        }
        SubscribeInput input = new SubscribeInput(kind, email, url, services);
        Subscriptions.Outcome outcome;
        try {
            outcome = subscriptions.subscribe(
                    input, LoginPage.clientAddress(request), uri.getBaseUri().toString());
        } catch (InvalidInput e) {
            List<String> chosen = services == null ? List.of() : services;
            return page(
                    uri,
                    headers,
                    (info, v, words) -> new Rendered(
                            400,
                            Templates.form(
                                    info,
                                    v,
                                    expected,
                                    subscriptions.byEmail(),
                                    "webhook".equals(kind) ? "webhook" : "email",
                                    email == null ? "" : email,
                                    url == null ? "" : url,
                                    choices(chosen),
                                    e.errors()),
                            v,
                            info));
        }
        return switch (outcome) {
            case Subscriptions.Throttled t ->
                Response.fromResponse(message(
                                uri,
                                headers,
                                429,
                                w -> w.too_many_title(),
                                w -> w.too_many(Math.max(1, t.retryAfter().toSeconds())),
                                null,
                                null))
                        .header("Retry-After", Math.max(1, t.retryAfter().toSeconds()))
                        .build();
            case Subscriptions.Unsent u ->
                message(uri, headers, 503, w -> w.unsent_title(), w -> w.unsent(), null, null);
            case Subscriptions.Subscribed s
            when s.secret() != null ->
                message(
                        uri,
                        headers,
                        201,
                        w -> w.webhook_title(),
                        w -> w.webhook_secret(),
                        s.secret(),
                        s.unsubscribeUrl());
            case Subscriptions.Subscribed s ->
                message(
                        uri,
                        headers,
                        200,
                        w -> w.check_inbox_title(),
                        w -> w.check_inbox(config.confirmWithin().toHours()),
                        null,
                        null);
        };
    }

    @GET
    @Path("subscribe/confirm/{token}")
    public Response confirm(@PathParam("token") String token, @Context UriInfo uri, @Context HttpHeaders headers) {
        return subscriptions
                .confirm(token)
                .map(s -> page(
                        uri,
                        headers,
                        (info, v, words) -> new Rendered(
                                200,
                                Templates.message(
                                        info,
                                        v,
                                        words.confirmed_title(),
                                        words.confirmed_text(what(s, words)),
                                        null,
                                        null),
                                v,
                                info)))
                .orElseGet(() -> unknown(uri, headers));
    }

    @GET
    @Path("unsubscribe/{token}")
    public Response askUnsubscribe(
            @PathParam("token") String token, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (!subscriptions.known(token)) {
            return unknown(uri, headers);
        }
        return page(
                uri, headers, (info, v, words) -> new Rendered(200, Templates.unsubscribe(info, v, token), v, info));
    }

    @POST
    @Path("unsubscribe/{token}")
    public Response unsubscribe(@PathParam("token") String token, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (!subscriptions.unsubscribe(token)) {
            return unknown(uri, headers);
        }
        return message(uri, headers, 200, w -> w.unsubscribed_title(), w -> w.unsubscribed_text(), null, null);
    }

    private Response unknown(UriInfo uri, HttpHeaders headers) {
        return message(uri, headers, 404, w -> w.unknown_title(), w -> w.unknown_text(), null, null);
    }

    private static String what(Subscription s, Subs words) {
        return s.services().isEmpty()
                ? words.whole_board()
                : String.join(
                        ", ",
                        s.services().stream()
                                .map(slug -> Service.findBySlug(slug)
                                        .map(x -> x.name)
                                        .orElse(slug))
                                .toList());
    }

    /** The board's services, with those chosen ticked. Called inside the page's read. */
    private static List<ServiceChoice> choices(List<String> chosen) {
        Set<String> ticked = Set.copyOf(chosen.stream()
                .flatMap(c -> List.of(c.split("[,\\s]+")).stream())
                .toList());
        return Service.inOrder().stream()
                .map(s -> new ServiceChoice(s.slug, s.name, ticked.contains(s.slug)))
                .toList();
    }

    private Response message(
            UriInfo uri,
            HttpHeaders headers,
            int status,
            java.util.function.Function<Subs, String> title,
            java.util.function.Function<Subs, String> text,
            String secret,
            String link) {
        return page(
                uri,
                headers,
                (info, v, words) -> new Rendered(
                        status,
                        Templates.message(info, v, title.apply(words), text.apply(words), secret, link),
                        v,
                        info));
    }

    /** As the board's pages answer: the visitor's language and zone, their cookies, the logo's origin allowed. */
    private Response page(UriInfo uri, HttpHeaders headers, Page page) {
        Rendered rendered = board.read(q -> {
            BoardInfo info = q.board();
            Visitor v;
            try {
                v = visitors.resolve(uri, headers, info);
            } catch (VisitorResolver.BadChoice e) {
                v = e.fallback; // a wrong ?lang= or ?tz= is the board's business; here the form speaks on
            }
            return page.build(info, v, SubsWords.of(v.locale()));
        });
        return PageResponse.html(
                rendered.status(), rendered.template(), rendered.visitor(), rendered.info(), securityHeaders);
    }

    private static Response withCookie(Response page, String csrf) {
        return Response.fromResponse(page)
                .header(
                        HttpHeaders.SET_COOKIE,
                        CSRF_COOKIE + "=" + csrf + "; Path=/subscribe; HttpOnly; SameSite=Strict")
                .build();
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
