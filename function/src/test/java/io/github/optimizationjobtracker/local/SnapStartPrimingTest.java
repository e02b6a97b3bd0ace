package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.poller.PollerFactory;
import io.github.optimizationjobtracker.poller.PollerHandler;
import io.github.optimizationjobtracker.processor.ProcessorFactory;
import io.github.optimizationjobtracker.processor.ProcessorHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming hook runs the whole first-event path, yet touches no table item, publishes nothing and
 * puts no event: every request it makes is answered in-process.
 */
class SnapStartPrimingTest {
    private final Tracker tracker = new Tracker();

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    @Test
    void processorPrimingRunsEveryCallOfAFailedEventWithoutSideEffects() {
        AwsClients clients = new AwsClients(tracker.config.region(), LocalEnvironment.CREDENTIALS,
                tracker.config.endpoints(), b -> b.addExecutionInterceptor(tracker.faults));
        RecordingMetrics metrics = new RecordingMetrics();
        ProcessorHandler handler = new ProcessorHandler(
                ProcessorFactory.create(tracker.config, clients, metrics, ProcessorFactory.ALERT_CLAIM_LEASE), metrics);
        int sageMakerCalls = tracker.standIns.sageMaker().server().getAllServeEvents().size();

        assertThat(handler.priming().prime()).isTrue();

        // Describe, history PutItem, current UpdateItem, claim PutItem, Publish, mark-sent UpdateItem, storm window.
        assertThat(clients.httpClient().cannedResponses()).isEqualTo(7);
        assertThat(tracker.faults.calls("SageMaker", "DescribeOptimizationJob")).isEqualTo(1);
        assertThat(tracker.faults.calls("Sns", "Publish")).isEqualTo(1);
        assertThat(tracker.allItems()).isEmpty();
        assertThat(tracker.alerts()).isEmpty();
        assertThat(tracker.standIns.sageMaker().server().getAllServeEvents()).hasSize(sageMakerCalls);
        assertThat(metrics.snapshot()).isEmpty();

        // After priming, the same handler talks to the real endpoints again, and counts what it does: the empty
        // snapshot above is priming's doing, not a metrics object that never records.
        assertThat(tracker.invokerFor(handler).deliver(TestEvents.sample("state-change-failed")).succeeded()).isTrue();
        assertThat(tracker.alerts()).hasSize(1);
        assertThat(clients.httpClient().cannedResponses()).isEqualTo(7);
        assertThat(metrics.total(io.github.optimizationjobtracker.metrics.TrackerMetrics.ALERTS_PUBLISHED)).isEqualTo(1);
        assertThat(metrics.total(io.github.optimizationjobtracker.metrics.TrackerMetrics.EVENTS_PROCESSED)).isEqualTo(1);
    }

    @Test
    void pollerPrimingListsComparesAndPutsWithoutSideEffects() throws java.io.IOException {
        Map<String, String> variables = new HashMap<>(tracker.env.pollerVariables());
        variables.put(EnvironmentVariables.TABLE_NAME, tracker.table);
        PollerConfig config = PollerConfig.fromEnvironment(variables);
        AwsClients clients = new AwsClients(config.region(), LocalEnvironment.CREDENTIALS, config.endpoints());
        RecordingMetrics metrics = new RecordingMetrics();
        PollerHandler handler = new PollerHandler(PollerFactory.createPair(config, clients, metrics,
                Clock.systemUTC(), Duration.ofSeconds(15), 1), metrics);
        EventBridgeStandIn bus = tracker.standIns.eventBridge();
        bus.drain();
        int putCalls = bus.putEventsCalls();

        assertThat(handler.priming().prime()).isTrue();

        // Checkpoint GetItem, ListOptimizationJobs, BatchGetItem, the emitted-change record (BatchWriteItem),
        // PutEvents, checkpoint PutItem.
        assertThat(clients.httpClient().cannedResponses()).isEqualTo(6);
        assertThat(bus.putEventsCalls()).isEqualTo(putCalls);
        assertThat(bus.drain()).isEmpty();
        assertThat(tracker.allItems()).isEmpty();
        assertThat(metrics.snapshot()).isEmpty();

        // A real run afterwards records its heartbeat: the empty snapshot above is priming's doing.
        handler.handleRequest(new java.io.ByteArrayInputStream("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new java.io.ByteArrayOutputStream(), new LocalContext("poller", 90));
        assertThat(metrics.total(io.github.optimizationjobtracker.metrics.TrackerMetrics.POLLER_HEARTBEAT)).isEqualTo(1);
        assertThat(tracker.allItems()).as("the real run saved its checkpoint").isNotEmpty();
    }
}
