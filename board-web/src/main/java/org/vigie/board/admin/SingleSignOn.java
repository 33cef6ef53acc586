package org.vigie.board.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.vigie.board.audit.AuditLog;
import org.vigie.board.web.Conflict;

import io.quarkus.runtime.StartupEvent;

/**
 * Sign-ins through the OpenID Connect provider (quarkus-oidc's {@code sso} tenant runs the authorization code flow
 * on /admin/sso/login and checks the ID token; SsoPage hands it here). The admin is found by the token's subject, or
 * created on their first sign-in under the name the provider gives; their role is read from the token's role claim
 * at every sign-in (SsoConfig.roles), and a change of it ends their other sessions like an owner's change would.
 * What comes out is an ordinary Vigie session, so CSRF, roles and the audit log work as after a password login.
 */
@ApplicationScoped
public class SingleSignOn {

    private static final Logger LOG = Logger.getLogger(SingleSignOn.class);

    /** How a sign-in ended. */
    public sealed interface Outcome permits SignedIn, Refused {}

    /** The admin's new session. */
    public record SignedIn(AdminSession session) implements Outcome {}

    /** Not let in, and why, said to the person signing in. */
    public record Refused(String reason) implements Outcome {}

    private final SsoConfig config;
    private final AdminUsers users;
    private final AdminSessions sessions;
    private final AuditLog audit;

    public SingleSignOn(SsoConfig config, AdminUsers users, AdminSessions sessions, AuditLog audit) {
        this.config = config;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Enabled without a provider to ask: say which setting is missing rather than fail at the first sign-in. */
    void check(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        if (config.issuer().isEmpty() || config.clientId().isEmpty()) {
            throw new IllegalStateException(
                    "vigie.sso.enabled=true needs vigie.sso.issuer and vigie.sso.client-id (docs/security.md)");
        }
        LOG.infof(
                "Single sign-on through %s (%s) is on; roles come from the %s claim",
                config.providerName(), config.issuer().get(), config.roleClaim());
    }

    public boolean enabled() {
        return config.enabled();
    }

    public String providerName() {
        return config.providerName();
    }

    /** The admin signing in with this verified ID token: matched or created, their role set from the claim. */
    public Outcome signIn(JsonWebToken idToken) {
        String subject = idToken.getSubject();
        if (subject == null || subject.isBlank()) {
            return new Refused("the provider's answer names no subject");
        }
        List<String> values = claimValues(idToken, config.roleClaim());
        Optional<AdminRole> role = roleOf(values);
        if (role.isEmpty()) {
            LOG.infof("Sign-in of %s refused: %s %s gives no role", subject, config.roleClaim(), values);
            return new Refused("your account at " + config.providerName() + " has no role on this board (its "
                    + config.roleClaim() + " claim maps to none). Ask an owner or your provider's administrator");
        }
        Optional<AdminUser> known = users.bySsoSubject(subject);
        String username;
        if (known.isEmpty()) {
            username = nameOf(idToken);
            if (!AdminUsers.validUsername(username)) {
                return new Refused("the name your provider gives, " + username + ", is not one this board takes: "
                        + AdminUsers.USERNAME_RULE);
            }
            try {
                users.insertSso(username, role.get(), AdminUsers.hash(AdminSessions.randomToken()), subject);
            } catch (Conflict e) {
                return new Refused("an admin named " + username
                        + " already logs in with a password here; an owner can remove or rename them first");
            }
            record(
                    username,
                    "create",
                    "added by single sign-on as " + role.get().label());
        } else {
            username = known.get().username;
            AdminRole before = known.get().role;
            if (before != role.get()) {
                try {
                    users.changeRole(known.get().id, role.get());
                } catch (Conflict e) {
                    return new Refused("your role would become " + role.get().label() + " but " + e.getMessage());
                }
                record(
                        username,
                        "role",
                        before.label() + " → " + role.get().label() + " from the " + config.roleClaim() + " claim");
            }
        }
        long version = users.access(username)
                .map(AdminUsers.Access::sessionVersion)
                .orElseThrow(() -> new IllegalStateException("admin " + username + " vanished while signing in"));
        record(
                username,
                "sso-login",
                "signed in through " + config.providerName() + " as "
                        + role.get().label());
        return new SignedIn(sessions.start(username, version));
    }

    /** The highest role any of the claim's values maps to. */
    Optional<AdminRole> roleOf(Collection<String> values) {
        SsoConfig.Roles roles = config.roles();
        for (AdminRole role : AdminRole.values()) {
            List<String> mapped = switch (role) {
                case OWNER -> roles.owner().orElse(List.of());
                case EDITOR -> roles.editor().orElse(List.of());
                case VIEWER -> roles.viewer().orElse(List.of());
            };
            if (mapped.stream().anyMatch(values::contains)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private String nameOf(JsonWebToken idToken) {
        for (String claim : List.of(config.usernameClaim(), "email")) {
            List<String> values = claimValues(idToken, claim);
            if (!values.isEmpty() && !values.getFirst().isBlank()) {
                return values.getFirst().trim();
            }
        }
        return idToken.getSubject();
    }

    /** A claim's strings, whether the token holds one or a list; a dotted name reads into nested objects. */
    static List<String> claimValues(JsonWebToken idToken, String claim) {
        String[] path = claim.split("\\.");
        Object value = idToken.getClaim(path[0]);
        for (int i = 1; i < path.length && value != null; i++) {
            value = value instanceof JsonObject object ? object.get(path[i]) : null;
        }
        List<String> values = new ArrayList<>();
        if (value instanceof JsonArray array) {
            array.forEach(v -> values.add(text(v)));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(v instanceof JsonValue json ? text(json) : String.valueOf(v)));
        } else if (value instanceof JsonValue json) {
            values.add(text(json));
        } else if (value != null) {
            values.add(value.toString());
        }
        return values;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private void record(String username, String action, String summary) {
        audit.record(new AuditLog.Change(username, AdminActor.Kind.ADMIN.name(), action, "admins", username, summary));
    }
}
