package org.vigie.worker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the worker's end-to-end tests share: the tests' own broker client and the local targets it checks. */
public abstract class BrokerTest {

    protected static TestBroker broker;
    protected static TestTargets targets;

    @BeforeAll
    static void connect() throws Exception {
        broker = TestBroker.connect();
        targets = new TestTargets();
    }

    @AfterAll
    static void close() throws Exception {
        if (targets != null) {
            targets.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
