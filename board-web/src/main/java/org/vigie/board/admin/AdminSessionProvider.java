package org.vigie.board.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Restores a logged-in admin from the encrypted login cookie on each request. The admin must still exist: deleting
 * an admin ends their sessions.
 */
@ApplicationScoped
public class AdminSessionProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final Lookup lookup;

    public AdminSessionProvider(Lookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            if (!lookup.exists(request.getPrincipal())) {
                throw new AuthenticationFailedException("admin " + request.getPrincipal() + " no longer exists");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(request.getPrincipal()))
                    .addRole(AdminIdentityProvider.ROLE)
                    .build();
        });
    }

    @ApplicationScoped
    public static class Lookup {
        @Transactional
        public boolean exists(String username) {
            return AdminUser.count("username", username) > 0;
        }
    }
}
