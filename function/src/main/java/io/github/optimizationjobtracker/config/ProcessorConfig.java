package io.github.optimizationjobtracker.config;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/** The processor's settings, read once at start-up from the environment and validated as a whole. */
public record ProcessorConfig(Region region, String tableName, String alertTopicArn, Set<String> alertStatuses,
                              Duration historyRetention, ServiceEndpoints endpoints) {

    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    public static ProcessorConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        Region region = env.region();
        String table = env.matching(EnvironmentVariables.TABLE_NAME, TABLE, "a DynamoDB table name");
        String topic = env.matching(EnvironmentVariables.ALERT_TOPIC_ARN, TOPIC_ARN, "an SNS topic ARN");
        String statusList = env.optional(EnvironmentVariables.ALERT_STATUSES).orElse(JobStatuses.FAILED);
        Set<String> statuses = env.parsed(EnvironmentVariables.ALERT_STATUSES, statusList, JobStatuses::parseList);
        int retentionDays = env.integer(EnvironmentVariables.HISTORY_RETENTION_DAYS, 0, 0, 36_500);
        ServiceEndpoints endpoints = ServiceEndpoints.from(env);
        env.validate();
        return new ProcessorConfig(region, table, topic, statuses, Duration.ofDays(retentionDays), endpoints);
    }

    public boolean keepsHistoryForever() {
        return historyRetention.isZero();
    }
}
