package io.github.optimizationjobtracker.local;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Endpoints of the stand-ins, and the environment the functions get when pointed at them. */
public record LocalEnvironment(String dynamoDb, String sns, String sqs, String sageMaker, String eventBridge) {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String TABLE = "optimization-jobs";
    public static final String TOPIC = "optimization-job-alerts";
    /** The tracker's own event bus (the poller puts its state changes there; its policy admits the poller alone). */
    public static final String TRACKER_BUS = "optimization-job-tracker-state-changes";
    public static final String ALERT_QUEUE = "optimization-job-alerts-inbox";
    /** Stand-ins accept any credentials; these are not secrets. */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    public String topicArn() {
        return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + TOPIC;
    }

    /**
     * The functions' behaviour settings a user may export for the local run, as they would set them on the
     * deployed functions; names, endpoints, region and topics stay the local run's own.
     */
    static final List<String> SETTINGS = List.of(EnvironmentVariables.ALERT_STATUSES,
            EnvironmentVariables.CREATE_REJECTION_ALERT_CODES, EnvironmentVariables.STORM_THRESHOLD,
            EnvironmentVariables.STORM_WINDOW_MINUTES, EnvironmentVariables.HISTORY_RETENTION_DAYS,
            EnvironmentVariables.POLL_BACKFILL_HOURS, EnvironmentVariables.POLL_OVERLAP_SECONDS,
            EnvironmentVariables.POLL_PAGE_SIZE);

    /** The settings present in an environment (the process's, for the local run). */
    public static Map<String, String> settingsFrom(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>();
        SETTINGS.forEach(name -> {
            if (environment.containsKey(name)) {
                settings.put(name, environment.get(name));
            }
        });
        return settings;
    }

    /** The processor's environment, as Lambda would set it, with endpoint overrides. */
    public Map<String, String> processorVariables() {
        return processorVariables(Map.of());
    }

    /** The same, with settings as a user would set them on the function. */
    public Map<String, String> processorVariables(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put(EnvironmentVariables.AWS_REGION, REGION);
        env.put(EnvironmentVariables.TABLE_NAME, TABLE);
        env.put(EnvironmentVariables.ALERT_TOPIC_ARN, topicArn());
        env.put(EnvironmentVariables.ENDPOINT_DYNAMODB, dynamoDb);
        env.put(EnvironmentVariables.ENDPOINT_SNS, sns);
        env.put(EnvironmentVariables.ENDPOINT_SAGEMAKER, sageMaker);
        return env;
    }

    /** The poller's environment, as Lambda would set it, with endpoint overrides. */
    public Map<String, String> pollerVariables() {
        return pollerVariables(Map.of());
    }

    /** The same, with settings as a user would set them on the function. */
    public Map<String, String> pollerVariables(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(settings);
        env.put(EnvironmentVariables.AWS_REGION, REGION);
        env.put(EnvironmentVariables.TABLE_NAME, TABLE);
        env.put(EnvironmentVariables.EVENT_BUS_NAME, TRACKER_BUS);
        env.put(EnvironmentVariables.ENDPOINT_DYNAMODB, dynamoDb);
        env.put(EnvironmentVariables.ENDPOINT_SAGEMAKER, sageMaker);
        env.put(EnvironmentVariables.ENDPOINT_EVENTBRIDGE, eventBridge);
        return env;
    }

    public DynamoDbClient dynamoDbClient() {
        return DynamoDbClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(dynamoDb)).build();
    }

    public SnsClient snsClient() {
        return SnsClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(sns)).build();
    }

    public SqsClient sqsClient() {
        return SqsClient.builder().region(Region.of(REGION)).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(sqs)).build();
    }
}
