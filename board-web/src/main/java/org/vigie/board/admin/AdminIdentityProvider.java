package org.vigie.board.admin;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Checks the admin login form's name and password against admin_users (off the event loop: bcrypt is slow). */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ROLE = "admin";

    private final AdminUsers users;

    public AdminIdentityProvider(AdminUsers users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> users.verify(
                        request.getUsername(), new String(request.getPassword().getPassword()))
                .<SecurityIdentity>map(user -> QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(user.username))
                        .addRole(ROLE)
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("wrong username or password")));
    }
}
