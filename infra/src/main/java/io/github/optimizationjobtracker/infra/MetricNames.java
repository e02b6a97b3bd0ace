package io.github.optimizationjobtracker.infra;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.util.List;

/**
 * The custom metrics the functions emit (CloudWatch embedded metric format via Powertools), as the alarms and the
 * dashboard read them. Namespace and service come from the function module's constants.
 */
public final class MetricNames {
    public static final String NAMESPACE = EnvironmentVariables.METRICS_NAMESPACE;

    /**
     * Default dimension on every metric, value {@code POWERTOOLS_SERVICE_NAME}. The function sets it explicitly
     * (PowertoolsMetrics: {@code setDefaultDimensions(DimensionSet.of("service", ...))}), which replaces Powertools'
     * own default spelling {@code Service}. CloudWatch dimension names are case-sensitive: if the two ever differ,
     * the heartbeat alarm stays in ALARM. MetricNamesTest holds this equal to the code.
     */
    public static final String SERVICE_DIMENSION = "service";
    public static final String SERVICE = EnvironmentVariables.SERVICE_NAME;
    /** Extra dimension of {@link #EVENTS_PROCESSED}: the job status the event carried. */
    public static final String STATUS_DIMENSION = "Status";

    // Processor
    public static final String EVENTS_PROCESSED = "EventsProcessed";
    public static final String ALERTS_PUBLISHED = "AlertsPublished";
    public static final String DUPLICATES_SKIPPED = "DuplicatesSkipped";
    public static final String STALE_EVENTS_SKIPPED = "StaleEventsSkipped";
    public static final String EVENTS_REJECTED = "EventsRejected";

    // Poller
    public static final String POLLER_HEARTBEAT = "PollerHeartbeat";
    public static final String JOBS_SEEN = "JobsSeen";
    public static final String EVENTS_EMITTED = "EventsEmitted";
    public static final String PAGES_READ = "PagesRead";
    public static final String POLL_LAG_SECONDS = "PollLagSeconds";

    public static final List<String> ALL = List.of(
            EVENTS_PROCESSED, ALERTS_PUBLISHED, DUPLICATES_SKIPPED, STALE_EVENTS_SKIPPED, EVENTS_REJECTED,
            POLLER_HEARTBEAT, JOBS_SEEN, EVENTS_EMITTED, PAGES_READ, POLL_LAG_SECONDS);

    private MetricNames() {
    }
}
