package io.github.optimizationjobtracker.metrics;

/** The metrics the functions emit. Names are part of the contract with the dashboard and alarms. */
public interface TrackerMetrics {
    String EVENTS_PROCESSED = "EventsProcessed";
    String ALERTS_PUBLISHED = "AlertsPublished";
    String DUPLICATES_SKIPPED = "DuplicatesSkipped";
    String STALE_EVENTS_SKIPPED = "StaleEventsSkipped";
    String EVENTS_REJECTED = "EventsRejected";
    /** CreateOptimizationJob calls that CloudTrail reported as failed (alerted or not). */
    String CREATES_REJECTED = "CreatesRejected";
    String POLLER_HEARTBEAT = "PollerHeartbeat";
    String JOBS_SEEN = "JobsSeen";
    String EVENTS_EMITTED = "EventsEmitted";
    String PAGES_READ = "PagesRead";
    String POLL_LAG_SECONDS = "PollLagSeconds";
    /** Default dimension of every metric (value: the Powertools service name); alarms select on it. */
    String SERVICE_DIMENSION = "service";

    /** Records nothing: for SnapStart priming, which must not count as work. */
    TrackerMetrics NONE = new TrackerMetrics() {
        @Override
        public void count(String metric, double value) {
        }

        @Override
        public void seconds(String metric, double value) {
        }

        @Override
        public void flush() {
        }
    };

    void count(String metric, double value);

    default void count(String metric) {
        count(metric, 1);
    }

    void seconds(String metric, double value);

    /** Writes this invocation's metrics out. */
    void flush();
}
