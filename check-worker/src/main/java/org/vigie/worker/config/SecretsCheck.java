package org.vigie.worker.config;

import static org.vigie.messaging.ProductionSecrets.BROKER_PASSWORD;

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
 * In production a worker does not start on a default broker password ({@link ProductionSecrets}): one line, exit 1,
 * before its channels connect (they start at a later priority of the same event).
 */
@ApplicationScoped
public class SecretsCheck {

    static final List<String> SETTINGS = List.of(BROKER_PASSWORD);

    void atStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, Config config) {
        ProductionSecrets.problem(config, SETTINGS).ifPresent(line -> {
            throw new ConfigurationException(line);
        });
    }
}
