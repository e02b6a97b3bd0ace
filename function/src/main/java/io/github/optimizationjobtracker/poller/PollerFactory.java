package io.github.optimizationjobtracker.poller;

import io.github.optimizationjobtracker.poller.PutEventsBatcher;

import io.github.optimizationjobtracker.store.CheckpointStore;

import io.github.optimizationjobtracker.store.KnownJobs;

import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.store.EmittedChanges;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Wires the poller from configuration. */
public final class PollerFactory {
    /** Stop this long before the Lambda timeout: one more page plus saving the checkpoint fits comfortably. */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);
    static final int PUT_EVENTS_ATTEMPTS = 5;

    private PollerFactory() {
    }

    /** The poller, and a twin for SnapStart priming that shares its clients but records no metrics. */
    public record Pollers(JobPoller poller, JobPoller primingTwin) {
    }

    public static JobPoller create(PollerConfig config, AwsClients clients, TrackerMetrics metrics, Clock clock,
                                   Duration safetyMargin, long putEventsBackoffMillis) {
        return createPair(config, clients, metrics, clock, safetyMargin, putEventsBackoffMillis).poller();
    }

    public static Pollers createPair(PollerConfig config, AwsClients clients, TrackerMetrics metrics, Clock clock,
                                     Duration safetyMargin, long putEventsBackoffMillis) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SageMakerClient sageMaker = clients.sageMaker();
        EventBridgeClient eventBridge = clients.eventBridge();
        return new Pollers(
                poller(config, sageMaker, dynamoDb, eventBridge, metrics, clock, safetyMargin, putEventsBackoffMillis),
                poller(config, sageMaker, dynamoDb, eventBridge, TrackerMetrics.NONE, clock, safetyMargin,
                        putEventsBackoffMillis));
    }

    private static JobPoller poller(PollerConfig config, SageMakerClient sageMaker, DynamoDbClient dynamoDb,
                                    EventBridgeClient eventBridge, TrackerMetrics metrics, Clock clock,
                                    Duration safetyMargin, long putEventsBackoffMillis) {
        return new JobPoller(sageMaker, new KnownJobs(dynamoDb, config.tableName()),
                new EmittedChanges(dynamoDb, config.tableName()),
                new PutEventsBatcher(eventBridge, PUT_EVENTS_ATTEMPTS, putEventsBackoffMillis),
                new CheckpointStore(dynamoDb, config.tableName()), metrics, clock, config.eventBusName(),
                config.overlap(), config.backfill(), config.pageSize(), safetyMargin);
    }
}
