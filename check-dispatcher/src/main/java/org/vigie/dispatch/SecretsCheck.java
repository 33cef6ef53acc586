package org.vigie.dispatch;

import static org.vigie.messaging.ProductionSecrets.BROKER_PASSWORD;
import static org.vigie.messaging.ProductionSecrets.DATABASE_PASSWORD;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.vigie.messaging.ProductionSecrets;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * In production the dispatcher ({@code once} and {@code run}) does not start on a default database or broker
 * password ({@link ProductionSecrets}): one line on stderr, exit 1, before anything connects.
 */
@ApplicationScoped
public class SecretsCheck {

    static final List<String> SETTINGS = List.of(DATABASE_PASSWORD, BROKER_PASSWORD);

    void atStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        ProductionSecrets.problem(config, SETTINGS).ifPresent(line -> {
            throw new ConfigurationException(line);
        });
    }
}
