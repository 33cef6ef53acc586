package org.vigie.board;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.vigie.check.CheckResult;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes check results to the test results exchange on the real broker, as a worker does, over the tests' own
 * connection ({@link Broker}, opened on first use; also there for the queues' inspection).
 */
@Singleton
public class Results {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "vigie.rabbitmq.results-exchange")
    String exchange;

    @ConfigProperty(name = "vigie.rabbitmq.results-routing-key")
    String routingKey;

    private Broker broker;

    public synchronized Broker broker() throws Exception {
        if (broker == null) {
            broker = new Broker();
        }
        return broker;
    }

    /** One result, confirmed by the broker. */
    public void publish(CheckResult result) throws Exception {
        publishRaw("application/json", json.writeValueAsString(result));
    }

    /** Many results at once, confirmed together: a backlog in a moment. */
    public void publishAll(List<CheckResult> results) throws Exception {
        List<String> bodies = new ArrayList<>(results.size());
        for (CheckResult r : results) {
            bodies.add(json.writeValueAsString(r));
        }
        broker().publishAll(exchange, routingKey, "application/json", bodies);
    }

    /** Any body, as a broken or foreign worker might send it. */
    public void publishRaw(String contentType, String body) throws Exception {
        broker().publish(exchange, routingKey, contentType, body);
    }

    @PreDestroy
    synchronized void close() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }
}
