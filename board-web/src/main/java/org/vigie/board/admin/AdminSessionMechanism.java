package org.vigie.board.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * How a request to the admin pages is logged in: by its {@code vigie-admin} cookie (AdminSessions), valid by its
 * times (idle timeout, maximum age), then by its session version (AdminSessionProvider). An invalid or ended cookie
 * is removed and the request goes on anonymous: the admin pages then send it to the login page, which itself stays
 * reachable. The password is checked once, by LoginPage; Quarkus' form login is off.
 */
@ApplicationScoped
public class AdminSessionMechanism implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/admin/login";

    private final AdminSessions sessions;

    public AdminSessionMechanism(AdminSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!AdminCsrf.guarded(context.normalizedPath())) {
            return Uni.createFrom().nullItem(); // the board, the APIs, the admin API (bearer tokens): no session
        }
        Cookie cookie = context.request().getCookie(AdminSessions.COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<AdminSession> session = sessions.decode(cookie.getValue()).filter(sessions::current);
        if (session.isEmpty()) {
            clear(context);
            return Uni.createFrom().nullItem();
        }
        var request =
                HttpSecurityUtils.setRoutingContextAttribute(new AdminSessionProvider.Request(session.get()), context);
        return identities
                .authenticate(request)
                .invoke(identity -> sessions.renewal(session.get())
                        .ifPresent(renewed ->
                                context.response().headers().add(HttpHeaders.SET_COOKIE, sessions.setCookie(renewed))))
                .onFailure(AuthenticationFailedException.class)
                .recoverWithItem(() -> {
                    clear(context);
                    return null;
                });
    }

    private static void clear(RoutingContext context) {
        context.response().headers().add(HttpHeaders.SET_COOKIE, AdminSessions.clearCookie());
    }

    /** To the login page; after a GET, with the page to come back to. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String location = LOGIN_PAGE;
        String path = context.request().uri();
        if (context.request().method() == HttpMethod.GET && !path.equals("/admin") && !path.equals("/admin/")) {
            location += "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
        }
        return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION, location));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(AdminSessionProvider.Request.class);
    }
}
