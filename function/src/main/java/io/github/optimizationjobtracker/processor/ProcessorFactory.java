package io.github.optimizationjobtracker.processor;

import io.github.optimizationjobtracker.alert.AlertComposer;
import io.github.optimizationjobtracker.alert.AlertPublisher;
import io.github.optimizationjobtracker.alert.Alerter;
import io.github.optimizationjobtracker.alert.ChatComposer;
import io.github.optimizationjobtracker.classification.FailureRules;
import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.ConfigurationException;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.sagemaker.OptimizationJobDescriber;
import io.github.optimizationjobtracker.store.AlertLedger;
import io.github.optimizationjobtracker.store.EmittedChanges;
import io.github.optimizationjobtracker.store.FailureStorms;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.RejectedCreates;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Wires the processor from configuration: the one place that knows how the parts fit together. */
public final class ProcessorFactory {
    /** Longer than the function timeout, so a live invocation never loses its claim. */
    public static final Duration ALERT_CLAIM_LEASE = Duration.ofSeconds(45);
    /** How long a duplicate waits for the invocation publishing the same alert. */
    public static final Duration WAIT_FOR_ALERT_HOLDER = Duration.ofSeconds(5);

    private ProcessorFactory() {
    }

    /** The processor, and a twin for SnapStart priming that shares its clients but records no metrics. */
    public record Processors(EventProcessor processor, EventProcessor primingTwin, AwsClients clients) {
    }

    public static EventProcessor create(ProcessorConfig config, AwsCredentialsProvider credentials,
                                        TrackerMetrics metrics) {
        return create(config, new AwsClients(config.region(), credentials, config.endpoints()), metrics,
                ALERT_CLAIM_LEASE).processor();
    }

    public static Processors create(ProcessorConfig config, AwsClients clients, TrackerMetrics metrics,
                                    Duration alertLease) {
        SageMakerClient sageMaker = clients.sageMaker();
        DynamoDbClient dynamoDb = clients.dynamoDb();
        SnsClient sns = clients.sns();
        return new Processors(
                create(config, sageMaker, dynamoDb, sns, metrics, Clock.systemUTC(), alertLease),
                create(config, sageMaker, dynamoDb, sns, TrackerMetrics.NONE, Clock.systemUTC(), alertLease),
                clients);
    }

    public static EventProcessor create(ProcessorConfig config, SageMakerClient sageMaker, DynamoDbClient dynamoDb,
                                        SnsClient sns, TrackerMetrics metrics, Clock clock, Duration alertLease) {
        FailureRules failureRules;
        try {
            failureRules = FailureRules.load();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(List.of(e.getMessage()));
        }
        ProcessorStores stores = new ProcessorStores(
                new JobStore(dynamoDb, config.tableName(), config.historyRetention()),
                new RejectedCreates(dynamoDb, config.tableName(), config.historyRetention()),
                new EmittedChanges(dynamoDb, config.tableName()),
                new FailureStorms(dynamoDb, config.tableName(), config.stormWindow()));
        AlertComposer composer = new AlertComposer(config.region().id());
        Optional<Alerter.Chat> chat = config.chatTopicArn().map(topic ->
                new Alerter.Chat(new AlertPublisher(sns, topic), new ChatComposer(composer.links())));
        Alerter alerter = new Alerter(new AlertLedger(dynamoDb, config.tableName(), alertLease),
                new AlertPublisher(sns, config.alertTopicArn()), composer, chat, clock, WAIT_FOR_ALERT_HOLDER);
        AlertPolicy policy = new AlertPolicy(config.alertStatuses(), config.createRejectionAlertCodes(), failureRules,
                config.stormThreshold());
        return new EventProcessor(new EventParser(clock), new OptimizationJobDescriber(sageMaker), stores, alerter,
                policy, metrics, clock);
    }
}
