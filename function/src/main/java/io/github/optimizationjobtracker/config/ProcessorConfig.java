package io.github.optimizationjobtracker.config;

import io.github.optimizationjobtracker.job.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/** The processor's settings, read once at start-up from the environment and validated as a whole. */
public record ProcessorConfig(Region region, String tableName, String alertTopicArn, Set<JobStatus> alertStatuses,
                              Set<String> createRejectionAlertCodes, Duration historyRetention,
                              ServiceEndpoints endpoints, Optional<String> chatTopicArn, int stormThreshold,
                              Duration stormWindow) {
    public static final int DEFAULT_STORM_THRESHOLD = 5;
    public static final int DEFAULT_STORM_WINDOW_MINUTES = 10;

    /**
     * Rejections a person must act on: a bad request or role (ValidationException), missing permissions
     * (AccessDenied), an account quota (ResourceLimitExceeded). Throttling is retried by the caller's SDK, and
     * ResourceInUse means a job of that name exists: neither is news.
     */
    public static final String DEFAULT_CREATE_REJECTION_ALERT_CODES =
            "ValidationException,AccessDenied,AccessDeniedException,ResourceLimitExceeded";
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z][A-Za-z0-9.]{0,99}");

    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    public static ProcessorConfig fromEnvironment(Map<String, String> environment) {
        EnvironmentReader env = new EnvironmentReader(environment);
        Region region = env.region();
        String table = env.matching(EnvironmentVariables.TABLE_NAME, TABLE, "a DynamoDB table name");
        String topic = env.matching(EnvironmentVariables.ALERT_TOPIC_ARN, TOPIC_ARN, "an SNS topic ARN");
        String statusList = env.optional(EnvironmentVariables.ALERT_STATUSES).orElse(JobStatus.FAILED.name());
        Set<JobStatus> statuses = env.parsed(EnvironmentVariables.ALERT_STATUSES, statusList, JobStatus::parseList);
        String codeList = env.optional(EnvironmentVariables.CREATE_REJECTION_ALERT_CODES)
                .orElse(DEFAULT_CREATE_REJECTION_ALERT_CODES);
        Set<String> codes = env.parsed(EnvironmentVariables.CREATE_REJECTION_ALERT_CODES, codeList,
                ProcessorConfig::parseCodes);
        int retentionDays = env.integer(EnvironmentVariables.HISTORY_RETENTION_DAYS, 0, 0, 36_500);
        Optional<String> chatTopic = env.optional(EnvironmentVariables.CHAT_TOPIC_ARN).isPresent()
                ? Optional.ofNullable(env.matching(EnvironmentVariables.CHAT_TOPIC_ARN, TOPIC_ARN, "an SNS topic ARN"))
                : Optional.empty();
        int stormThreshold = env.integer(EnvironmentVariables.STORM_THRESHOLD, DEFAULT_STORM_THRESHOLD, 0, 1000);
        int stormMinutes = env.integer(EnvironmentVariables.STORM_WINDOW_MINUTES, DEFAULT_STORM_WINDOW_MINUTES, 1,
                24 * 60);
        ServiceEndpoints endpoints = ServiceEndpoints.from(env);
        env.validate();
        return new ProcessorConfig(region, table, topic, statuses, codes, Duration.ofDays(retentionDays), endpoints,
                chatTopic, stormThreshold, Duration.ofMinutes(stormMinutes));
    }

    /** Error codes, compared without regard to case; NONE for none. */
    static Set<String> parseCodes(String list) {
        if (list.trim().equalsIgnoreCase("NONE")) {
            return Set.of();
        }
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        for (String part : list.split(",")) {
            String code = part.trim();
            if (code.isEmpty()) {
                continue;
            }
            if (!ERROR_CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("'" + code + "' is not an error code (e.g. ValidationException)");
            }
            codes.add(code.toLowerCase(java.util.Locale.ROOT));
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("names no error code (write NONE to alert none)");
        }
        return Set.copyOf(codes);
    }

    public boolean keepsHistoryForever() {
        return historyRetention.isZero();
    }
}
