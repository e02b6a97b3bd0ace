package io.github.optimizationjobtracker.job;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statuses an optimization job can be recorded in: SageMaker's six, DELETED (the job was removed), and UNKNOWN
 * for a value newer than this code (the job keeps SageMaker's own string, see {@link OptimizationJob#statusValue()}).
 */
public enum JobStatus {
    STARTING(1), INPROGRESS(2), STOPPING(3), COMPLETED(4), FAILED(4), STOPPED(4), DELETED(5), UNKNOWN(0);

    /** Every status this code knows, sorted, for error messages. */
    public static final String LISTED = EnumSet.complementOf(EnumSet.of(UNKNOWN)).stream().map(Enum::name).sorted()
            .collect(Collectors.joining(", "));

    private final int lifecycleRank;

    JobStatus(int lifecycleRank) {
        this.lifecycleRank = lifecycleRank;
    }

    /**
     * How far along its lifecycle a status is: STARTING, INPROGRESS, STOPPING, then the ends (COMPLETED, FAILED,
     * STOPPED), then DELETED; 0 for UNKNOWN.
     */
    public int lifecycleRank() {
        return lifecycleRank;
    }

    /** An end no job leaves (COMPLETED, FAILED, STOPPED, DELETED). */
    public boolean isFinal() {
        return lifecycleRank >= COMPLETED.lifecycleRank;
    }

    /** The status SageMaker (or the table) names exactly; UNKNOWN for null and for any value newer than this code. */
    public static JobStatus of(String value) {
        if (value != null) {
            for (JobStatus status : values()) {
                if (status != UNKNOWN && status.name().equals(value)) {
                    return status;
                }
            }
        }
        return UNKNOWN;
    }

    /** True for a value this code names (UNKNOWN itself is not one). */
    public static boolean isKnown(String value) {
        return of(value) != UNKNOWN;
    }

    /** Parses a comma-separated list such as {@code FAILED,STOPPED}, any case; rejects unknown names. */
    public static Set<JobStatus> parseList(String csv) {
        Set<JobStatus> statuses = new LinkedHashSet<>();
        for (String part : csv.split(",")) {
            String value = part.trim().toUpperCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            if (!isKnown(value)) {
                throw new IllegalArgumentException("unknown status '" + part.trim() + "' (expected some of "
                        + LISTED + ")");
            }
            statuses.add(of(value));
        }
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("names no status");
        }
        return Set.copyOf(statuses);
    }
}
