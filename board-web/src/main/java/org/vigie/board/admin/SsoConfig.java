package org.vigie.board.admin;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Optional single sign-on through an OpenID Connect provider (SingleSignOn, docs/security.md). Off by default: then
 * the login page offers the password form only and board-web never contacts a provider. The issuer, client id and
 * secret are handed to quarkus-oidc's {@code sso} tenant by application.properties; the rest is read here.
 */
@ConfigMapping(prefix = "vigie.sso")
public interface SsoConfig {

    /** Offers "Sign in with ..." on the login page and accepts the provider's sign-ins. */
    @WithDefault("false")
    boolean enabled();

    /** The provider's name as the login page's button says it: "Sign in with {name}". */
    @WithDefault("single sign-on")
    String providerName();

    /**
     * The provider's issuer URL, e.g. {@code https://id.example.org/realms/ops}: board-web reads its
     * {@code /.well-known/openid-configuration} at start. Required when enabled.
     */
    Optional<String> issuer();

    /** The client id board-web is registered under at the provider. Required when enabled. */
    Optional<String> clientId();

    /** The client's secret, when the provider gave it one. */
    Optional<String> clientSecret();

    /**
     * The claim of the ID token that holds the admin's groups or roles: a string or a list of strings; a dotted name
     * reads into an object ({@code realm_access.roles}).
     */
    @WithDefault("groups")
    String roleClaim();

    /** The claim that names an admin signing in for the first time (falls back to {@code email}, then the subject). */
    @WithDefault("preferred_username")
    String usernameClaim();

    /**
     * Which values of {@link #roleClaim()} give which role. Read at every sign-in: the highest role any value maps to
     * is the admin's role; an admin whose values map to none is refused.
     */
    Roles roles();

    interface Roles {

        /** Claim values that make an owner. */
        Optional<List<String>> owner();

        /** Claim values that make an editor. */
        Optional<List<String>> editor();

        /** Claim values that make a viewer. */
        Optional<List<String>> viewer();
    }
}
