package io.github.optimizationjobtracker.store;

/**
 * The single DynamoDB table's keys, indexes and attribute names. Named so that a person browsing the table in
 * the console can tell what each item is.
 *
 * <pre>
 * JobName (PK)    RecordKey (SK)                              what
 * my-job          CURRENT                                     the job's newest known record
 * my-job          HISTORY#2026-11-29T10:00:00.000Z#FAILED     one entry per (incarnation, status) seen
 * my-job          ALERT#2026-11-29T10:00:00.000Z#FAILED       alert de-duplication claim
 * my-job          CREATE_REJECTED#2026-11-29T10:00:00.000Z#e1 a CreateOptimizationJob call that failed
 * #poller         CHECKPOINT                                  poller progress
 * #poller         EMITTED#my-job#2026-11-29T10:00:00.000Z#FAILED  a state change the poller put on the bus
 * #rejected-creates ALERT#CREATE_REJECTED#...                 claims of rejected-create alerts (per caller)
 * #failure-storms WINDOW                                      the failures alerted in the current storm window
 * #failure-storms ALERT#FAILURE_STORM#2026-11-29T10:00:00.000Z  claim of a storm's summary alert
 * </pre>
 */
public final class TableLayout {
    public static final String PARTITION_KEY = "JobName";
    public static final String SORT_KEY = "RecordKey";

    public static final String CURRENT_RECORD_KEY = "CURRENT";
    public static final String HISTORY_PREFIX = "HISTORY#";
    public static final String ALERT_PREFIX = "ALERT#";
    /**
     * A rejected CreateOptimizationJob call: never a job's current record (the job never existed, or a job of that
     * name exists and is not this call's). Listed in {@link #JOBS_BY_STATUS_INDEX} under this pseudo-status.
     */
    public static final String REJECTED_CREATE_PREFIX = "CREATE_REJECTED#";
    public static final String REJECTED_CREATE_STATUS = "CREATE_REJECTED";
    /** Claims of rejected-create alerts, which are per caller and not per job name. '#' starts no job name. */
    public static final String REJECTED_CREATE_ALERTS_PARTITION = "#rejected-creates";
    /** The current storm window and the claims of storm summaries. */
    public static final String FAILURE_STORMS_PARTITION = "#failure-storms";
    public static final String FAILURE_STORM_STATUS = "FAILURE_STORM";

    /** LSI: a job's history entries in the order their statuses were reached. */
    public static final String HISTORY_BY_TIME_INDEX = "HistoryByTime";
    public static final String HISTORY_TIME = "HistoryTime";

    /** GSI: current records by status, newest change first. */
    public static final String JOBS_BY_STATUS_INDEX = "JobsByStatus";
    public static final String CURRENT_STATUS = "CurrentStatus";
    public static final String LAST_MODIFIED_TIME = "LastModifiedTime";

    /** GSI: current records by creation time, partitioned by creation year. */
    public static final String JOBS_BY_CREATION_INDEX = "JobsByCreationTime";
    public static final String CREATION_YEAR = "CreationYear";
    public static final String CREATION_TIME = "CreationTime";

    /** TTL attribute (epoch seconds) on history entries when a retention is configured. */
    public static final String EXPIRES_AT = "ExpiresAt";

    /** The poller's checkpoint item. '#' cannot start a SageMaker job name, so it never collides. */
    public static final String POLLER_PARTITION = "#poller";
    public static final String CHECKPOINT_RECORD_KEY = "CHECKPOINT";

    private TableLayout() {
    }
}
