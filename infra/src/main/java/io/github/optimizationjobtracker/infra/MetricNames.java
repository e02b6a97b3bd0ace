package io.github.optimizationjobtracker.infra;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import java.util.List;

/**
 * The custom metrics the functions emit (CloudWatch embedded metric format, written by EmfMetrics), as the alarms
 * and the dashboard read them: the function module's constants, so the two cannot drift apart.
 */
public final class MetricNames {
    public static final String NAMESPACE = EnvironmentVariables.METRICS_NAMESPACE;

    /**
     * Default dimension on every metric, value {@code POWERTOOLS_SERVICE_NAME}, as the function code sets it
     * (CloudWatch dimension names are case-sensitive: were they to differ, the heartbeat alarm would stay in ALARM).
     */
    public static final String SERVICE_DIMENSION = TrackerMetrics.SERVICE_DIMENSION;
    public static final String SERVICE = EnvironmentVariables.SERVICE_NAME;

    // Processor
    public static final String EVENTS_PROCESSED = TrackerMetrics.EVENTS_PROCESSED;
    public static final String ALERTS_PUBLISHED = TrackerMetrics.ALERTS_PUBLISHED;
    public static final String DUPLICATES_SKIPPED = TrackerMetrics.DUPLICATES_SKIPPED;
    public static final String STALE_EVENTS_SKIPPED = TrackerMetrics.STALE_EVENTS_SKIPPED;
    public static final String EVENTS_REJECTED = TrackerMetrics.EVENTS_REJECTED;
    public static final String CREATES_REJECTED = TrackerMetrics.CREATES_REJECTED;

    // Poller
    public static final String POLLER_HEARTBEAT = TrackerMetrics.POLLER_HEARTBEAT;
    public static final String JOBS_SEEN = TrackerMetrics.JOBS_SEEN;
    public static final String EVENTS_EMITTED = TrackerMetrics.EVENTS_EMITTED;
    public static final String PAGES_READ = TrackerMetrics.PAGES_READ;
    public static final String POLL_LAG_SECONDS = TrackerMetrics.POLL_LAG_SECONDS;

    public static final List<String> ALL = List.of(
            EVENTS_PROCESSED, ALERTS_PUBLISHED, DUPLICATES_SKIPPED, STALE_EVENTS_SKIPPED, EVENTS_REJECTED, CREATES_REJECTED,
            POLLER_HEARTBEAT, JOBS_SEEN, EVENTS_EMITTED, PAGES_READ, POLL_LAG_SECONDS);

    private MetricNames() {
    }
}
