package org.vigie.dispatch.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the topology is declared and the last publish went through: a dispatcher that cannot publish is
 * only claiming services to put them back. Says why it cannot publish, and when the broker last confirmed a task.
 * (The database check is Agroal's.)
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerPreflight preflight;

    @Inject
    TaskPublisher publisher;

    @Override
    public HealthCheckResponse call() {
        String problem = publisher.problem();
        if (problem == null && !preflight.isDeclared()) {
            problem = preflight.problem() != null ? preflight.problem() : "the task queues are not declared yet";
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("broker")
                .status(problem == null)
                .withData("address", preflight.address())
                .withData("lastConfirmedAt", String.valueOf(publisher.lastConfirmedAt()));
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
