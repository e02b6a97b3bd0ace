package io.github.optimizationjobtracker.config;

/**
 * Names of every environment variable the functions read. The CDK stack, the SAM template and the local run
 * all use these constants (or are checked against them by tests), so there is one source of truth.
 */
public final class EnvironmentVariables {
    /** Region the SDK clients talk to; Lambda sets it. */
    public static final String AWS_REGION = "AWS_REGION";
    /** DynamoDB table holding current records, history, alert claims and the poller checkpoint. */
    public static final String TABLE_NAME = "TABLE_NAME";
    /** SNS topic that receives failure alerts (processor only). */
    public static final String ALERT_TOPIC_ARN = "ALERT_TOPIC_ARN";
    /** Comma-separated statuses that raise an alert; default {@code FAILED}. */
    public static final String ALERT_STATUSES = "ALERT_STATUSES";
    /**
     * Comma-separated CloudTrail error codes of a rejected CreateOptimizationJob that alert (a person must act);
     * {@code NONE} alerts none. Other codes (throttling, a name in use) are recorded only.
     */
    public static final String CREATE_REJECTION_ALERT_CODES = "CREATE_REJECTION_ALERT_CODES";
    /**
     * SNS topic for chat (Amazon Q Developer in chat applications: Slack, Microsoft Teams); unset: no chat messages.
     * Its messages follow the custom-notification schema, which e-mail and other subscribers would not want.
     */
    public static final String CHAT_TOPIC_ARN = "CHAT_TOPIC_ARN";
    /** Failures within one window that make a storm, answered with one summary alert; 0 turns it off. Default 5. */
    public static final String STORM_THRESHOLD = "STORM_THRESHOLD";
    /** The storm window, in minutes; default 10. */
    public static final String STORM_WINDOW_MINUTES = "STORM_WINDOW_MINUTES";
    /** Days to keep history entries (TTL on {@code ExpiresAt}); 0 keeps them forever (default). */
    public static final String HISTORY_RETENTION_DAYS = "HISTORY_RETENTION_DAYS";
    /** Event bus the poller puts state-change events on (poller only); default {@code default}. */
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    /** Seconds the poller re-reads before its checkpoint, to absorb clock skew and late writes; default 300. */
    public static final String POLL_OVERLAP_SECONDS = "POLL_OVERLAP_SECONDS";
    /** How far back the first poll looks, in hours, or {@code ALL} for the whole history; default 24. */
    public static final String POLL_BACKFILL_HOURS = "POLL_BACKFILL_HOURS";
    /** ListOptimizationJobs page size (1-100); default 100. */
    public static final String POLL_PAGE_SIZE = "POLL_PAGE_SIZE";

    /**
     * Endpoint overrides, used only by the local run, tests and {@code sam local invoke}; unset in AWS. Not the
     * SDK's own {@code AWS_ENDPOINT_URL_<SERVICE>} names: the SDK reads those itself and fails on an empty value,
     * which is what {@code sam local invoke} passes for a declared variable without a value.
     */
    public static final String ENDPOINT_DYNAMODB = "TRACKER_ENDPOINT_DYNAMODB";
    public static final String ENDPOINT_SNS = "TRACKER_ENDPOINT_SNS";
    public static final String ENDPOINT_SAGEMAKER = "TRACKER_ENDPOINT_SAGEMAKER";
    public static final String ENDPOINT_EVENTBRIDGE = "TRACKER_ENDPOINT_EVENTBRIDGE";

    /** Powertools settings (read by Powertools itself). */
    public static final String POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    public static final String POWERTOOLS_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String POWERTOOLS_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";

    /** Values the deployed stack uses for the Powertools settings. */
    public static final String SERVICE_NAME = "optimization-job-tracker";
    public static final String METRICS_NAMESPACE = "OptimizationJobTracker";

    private EnvironmentVariables() {
    }
}
