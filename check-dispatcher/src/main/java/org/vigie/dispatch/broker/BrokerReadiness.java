package org.vigie.dispatch.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the topology is declared and the last publish went through: a dispatcher that cannot publish is
 * only claiming services to put them back. (The database check is Agroal's.)
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerPreflight preflight;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("broker")
                .status(preflight.isDeclared())
                .withData("address", preflight.address())
                .build();
    }
}
