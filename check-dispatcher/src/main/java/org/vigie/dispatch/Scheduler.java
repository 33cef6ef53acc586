package org.vigie.dispatch;

import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.vigie.dispatch.broker.BrokerException;
import org.vigie.dispatch.broker.BrokerPreflight;
import org.vigie.dispatch.broker.TaskPublisher;

import io.quarkus.runtime.ShutdownEvent;

/**
 * `run`: every tick, claim what is due and publish it. One thread, fixed delay: passes never overlap in one
 * process (other dispatchers are kept apart by the row locks). An outage is logged when it starts and when it ends,
 * not every tick; the scheduler keeps ticking through it.
 */
@ApplicationScoped
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class);

    @Inject
    Dispatcher dispatcher;

    @Inject
    BrokerPreflight preflight;

    @Inject
    TaskPublisher publisher;

    @Inject
    DispatchConfig config;

    private ScheduledExecutorService executor;
    private String problem;

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vigie-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, config.tick().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("dispatching the due checks every %d ms", config.tick().toMillis());
    }

    void tick() {
        try {
            if (!preflight.isDeclared()) {
                preflight.declare();
            }
            // one attempt per tick, however long the broker is away: nothing is claimed while it cannot publish
            publisher.connect();
            PassResult result = dispatcher.pass(false);
            if (result.publishFailed()) {
                preflight.markStale();
                trouble("cannot publish to the broker at " + preflight.address() + ": " + result.publishProblem());
            } else {
                recovered();
                if (result.dispatched() > 0 || result.skippedCount() > 0) {
                    LOG.debug(result.summary());
                }
            }
        } catch (BrokerException e) {
            trouble(e.getMessage());
        } catch (SQLException e) {
            trouble("database error: " + Causes.describe(e));
        } catch (Throwable e) {
            // an exception escaping would cancel the schedule: log it and tick on
            trouble("dispatch pass failed: " + Causes.describe(e));
            LOG.debug("dispatch pass failed", e);
        }
    }

    private void trouble(String message) {
        if (!Objects.equals(problem, message)) {
            LOG.warn(message + " (retrying every tick)");
            problem = message;
        }
    }

    private void recovered() {
        if (problem != null) {
            LOG.info("dispatching again");
            problem = null;
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
        }
        if (running != null) {
            running.shutdown();
            // let the current pass finish: its claimed services are committed and should be published
            running.awaitTermination(config.publishTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
    }
}
