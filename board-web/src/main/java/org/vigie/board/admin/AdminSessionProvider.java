package org.vigie.board.admin;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a login cookie's session into the request's identity, on each request to /admin: the admin must still exist
 * and their session version must be the one the cookie was made with. Logging out, changing the password or deleting
 * the admin, or their role, changes it, so every board-web refuses the old cookies at once. The identity carries the
 * admin's role (read here, so a role change counts at the next request), which AdminAccess enforces. One indexed read
 * per admin request, off the event loop; no password check here.
 */
@ApplicationScoped
public class AdminSessionProvider implements IdentityProvider<AdminSessionProvider.Request> {

    public static final String ROLE = "admin";

    /** A session read from a valid cookie, to be checked against the database. */
    public static final class Request extends BaseAuthenticationRequest {
        private final AdminSession session;

        public Request(AdminSession session) {
            this.session = session;
        }

        public AdminSession session() {
            return session;
        }
    }

    private final AdminUsers users;

    public AdminSessionProvider(AdminUsers users) {
        this.users = users;
    }

    @Override
    public Class<Request> getRequestType() {
        return Request.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
        AdminSession session = request.session();
        return context.runBlocking(() -> {
            AdminUsers.Access access = users.access(session.username())
                    .orElseThrow(() ->
                            new AuthenticationFailedException("admin " + session.username() + " no longer exists"));
            if (access.sessionVersion() != session.version()) {
                throw new AuthenticationFailedException("session of " + session.username() + " was ended");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(session.username()))
                    .addRole(ROLE)
                    .addRole(access.role().label())
                    .addAttribute(AdminSession.ATTRIBUTE, session)
                    .build();
        });
    }
}
