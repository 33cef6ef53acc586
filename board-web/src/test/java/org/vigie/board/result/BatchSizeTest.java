package org.vigie.board.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A batch closes at half the prefetch, so that the other half can arrive while it is written. */
class BatchSizeTest {

    @Test
    void aBatchHoldsHalfThePrefetch() {
        // 200 messages unacknowledged at most: a batch of 100, whatever the results each carries
        assertEquals(100, ResultConsumer.messagesPerBatch(500, 200));
    }

    @Test
    void aBatchNeverHoldsMoreMessagesThanResultsInATransaction() {
        assertEquals(500, ResultConsumer.messagesPerBatch(500, 5000));
    }

    @Test
    void aPrefetchOfOneStillMakesBatches() {
        assertEquals(1, ResultConsumer.messagesPerBatch(500, 1));
    }
}
