package org.vigie.dispatch;

import java.io.IOException;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.vigie.dispatch.broker.BrokerPreflight;
import org.vigie.messaging.BrokerNames;

/** A dispatch test against the real schema and broker: an empty database, a declared and empty tasks queue. */
abstract class DispatchTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    BrokerPreflight preflight;

    @Inject
    BrokerNames names;

    @ConfigProperty(name = "rabbitmq-host")
    String brokerHost;

    @ConfigProperty(name = "rabbitmq-port")
    int brokerPort;

    TaskQueue queue;

    @BeforeEach
    void emptyDatabaseAndQueue() throws Exception {
        TestDatabase.migrateOnce();
        TestDatabase.clear();
        preflight.declare();
        queue = new TaskQueue(brokerHost, brokerPort, names.tasksQueue());
        queue.purge();
    }

    @AfterEach
    void closeQueue() throws IOException {
        queue.close();
    }
}
