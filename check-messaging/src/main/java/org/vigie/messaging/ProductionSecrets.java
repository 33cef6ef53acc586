package org.vigie.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.SmallRyeConfig;

/**
 * The settings every Vigie app must be given a secret of the operator's in production. In the prod profile an app
 * refuses to start, with one line naming the setting, when one is unset, blank or a well-known value: Vigie's and
 * RabbitMQ's defaults and the keys the dev and test profiles use. The dev and test profiles run on those values with
 * no configuration. Each app checks its own list once at start, before anything connects.
 */
public final class ProductionSecrets {

    /** The broker password, every app (env RABBITMQ_PASSWORD). */
    public static final String BROKER_PASSWORD = "rabbitmq-password";
    /** The database password, board-web and the dispatcher (env QUARKUS_DATASOURCE_PASSWORD). */
    public static final String DATABASE_PASSWORD = "quarkus.datasource.password";
    /** The key that encrypts board-web's login cookie (env QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY). */
    public static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";

    /** Values anyone can look up; the dev and test keys say "not-for-production" themselves. */
    static final Set<String> WELL_KNOWN =
            Set.of("vigie", "guest", "admin", "password", "secret", "changeme", "changeit");

    private ProductionSecrets() {}

    /** The line to stop with, when the prod profile is active and one of {@code settings} holds no secret. */
    public static Optional<String> problem(Config config, List<String> settings) {
        if (!config.unwrap(SmallRyeConfig.class).getProfiles().contains("prod")) {
            return Optional.empty();
        }
        for (String setting : settings) {
            Optional<String> problem = problem(setting, config.getOptionalValue(setting, String.class));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    static Optional<String> problem(String setting, Optional<String> value) {
        String where = setting + " (env " + setting.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + ")";
        if (value.isEmpty() || value.get().isBlank()) {
            return Optional.of("vigie: not starting: " + where
                    + " is not set; production needs a secret of your own there (docs/security.md)");
        }
        if (wellKnown(value.get())) {
            return Optional.of("vigie: not starting: " + where
                    + " is a well-known default; production needs a secret of your own there (docs/security.md)");
        }
        return Optional.empty();
    }

    static boolean wellKnown(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return WELL_KNOWN.contains(v) || v.contains("not-for-production");
    }
}
