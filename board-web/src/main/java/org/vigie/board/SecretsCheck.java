package org.vigie.board;

import static org.vigie.messaging.ProductionSecrets.BROKER_PASSWORD;
import static org.vigie.messaging.ProductionSecrets.DATABASE_PASSWORD;
import static org.vigie.messaging.ProductionSecrets.SESSION_KEY;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.vigie.messaging.ProductionSecrets;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * In production board-web does not start on a default secret: the database and broker passwords and the login
 * cookie's key must be the operator's own ({@link ProductionSecrets}). Checked before Flyway opens the first database
 * connection (a Flyway customizer is the first of board-web's code to run at start), and again at start in case
 * migrations are off. Quarkus prints the exception's one line and exits with 1.
 */
@Singleton
public class SecretsCheck implements FlywayConfigurationCustomizer {

    static final List<String> SETTINGS = List.of(DATABASE_PASSWORD, BROKER_PASSWORD, SESSION_KEY);

    @Override
    public void customize(FluentConfiguration configuration) {
        check();
    }

    void atStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        check();
    }

    static void check() {
        ProductionSecrets.problem(ConfigProvider.getConfig(), SETTINGS).ifPresent(line -> {
            throw new ConfigurationException(line);
        });
    }
}
