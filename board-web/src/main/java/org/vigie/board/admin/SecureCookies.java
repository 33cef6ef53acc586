package org.vigie.board.admin;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;

/**
 * With {@code vigie.admin.secure-cookies=true}, adds {@code Secure} to every cookie board-web sets (the login
 * cookie, the known-browser cookie, the login form's CSRF cookie), in one place whoever sets them.
 */
@ApplicationScoped
public class SecureCookies {

    void register(@Observes Filters filters, AdminConfig config) {
        if (!config.secureCookies()) {
            return;
        }
        filters.register(
                rc -> {
                    rc.addHeadersEndHandler(ignored -> {
                        List<String> cookies = rc.response().headers().getAll(HttpHeaders.SET_COOKIE);
                        if (cookies.isEmpty()) {
                            return;
                        }
                        List<String> secured = cookies.stream()
                                .map(c -> c.toLowerCase(Locale.ROOT).contains("; secure") ? c : c + "; Secure")
                                .toList();
                        rc.response().headers().remove(HttpHeaders.SET_COOKIE);
                        secured.forEach(c -> rc.response().headers().add(HttpHeaders.SET_COOKIE, c));
                    });
                    rc.next();
                },
                100);
    }
}
