package io.github.optimizationjobtracker.poller;

import io.github.optimizationjobtracker.config.AwsClients;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Wires the poller from configuration. */
public final class PollerFactory {
    /** Stop this long before the Lambda timeout: one more page plus saving the checkpoint fits comfortably. */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);
    static final int PUT_EVENTS_ATTEMPTS = 5;

    private PollerFactory() {
    }

    public static JobPoller create(PollerConfig config, AwsClients clients, TrackerMetrics metrics, Clock clock,
                                   Duration safetyMargin, long putEventsBackoffMillis) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        return new JobPoller(clients.sageMaker(), new KnownJobs(dynamoDb, config.tableName()),
                new EventEmitter(clients.eventBridge(), PUT_EVENTS_ATTEMPTS, putEventsBackoffMillis),
                new CheckpointStore(dynamoDb, config.tableName()), metrics, clock, config.eventBusName(),
                config.overlap(), config.backfill(), config.pageSize(), safetyMargin);
    }
}
