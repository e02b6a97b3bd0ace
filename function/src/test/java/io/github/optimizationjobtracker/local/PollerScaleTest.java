package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.poller.PollResult;
import org.junit.jupiter.api.Test;

/**
 * The poller at the scale the budget is set for: one poll over ten thousand jobs, every page followed, one batch read
 * and one PutEvents batch per page, every job emitted. Apart from {@link PollerTest} because it is the suite's
 * slowest test and checks scale, not logic the faster tests leave unchecked (the mutation profile leaves it out).
 */
class PollerScaleTest {

    @Test
    void aPollOverTenThousandJobs() {
        try (Tracker tracker = new Tracker()) {
            EventBridgeStandIn bus = tracker.standIns.eventBridge();
            SageMakerStandIn sageMaker = tracker.standIns.sageMaker();
            bus.reset();
            try {
                sageMaker.serveJobs(PollerTest.jobs("big", 10_000));
                int listBefore = sageMaker.calls(SageMakerStandIn.LIST);
                int putBefore = bus.putEventsCalls();
                int batchGetBefore = tracker.faults.calls("DynamoDb", "BatchGetItem");
                int getBefore = tracker.faults.calls("DynamoDb", "GetItem");
                long started = System.nanoTime();

                PollResult result = PollerTest.poller(tracker, new RecordingMetrics(),
                        new PollerTest.MutableClock(PollerTest.NOW), "ALL", 100).poll(PollerTest.PLENTY_OF_TIME);

                long millis = (System.nanoTime() - started) / 1_000_000;
                int listCalls = sageMaker.calls(SageMakerStandIn.LIST) - listBefore;
                int batchGets = tracker.faults.calls("DynamoDb", "BatchGetItem") - batchGetBefore;
                System.out.printf("%nPOLL OVER 10,000 JOBS: %d ms, page size 100, ListOptimizationJobs calls %d, "
                                + "BatchGetItem calls %d, GetItem calls %d, PutEvents calls %d, events emitted %d%n%n",
                        millis, listCalls, batchGets, tracker.faults.calls("DynamoDb", "GetItem") - getBefore,
                        bus.putEventsCalls() - putBefore, result.eventsEmitted());
                assertThat(listCalls).isEqualTo(100);
                assertThat(batchGets).isEqualTo(100);
                assertThat(bus.drain()).hasSize(10_000);
            } finally {
                sageMaker.serveListFixtures(TestEvents.LAYOUT.listFixtures());
            }
        }
    }
}
