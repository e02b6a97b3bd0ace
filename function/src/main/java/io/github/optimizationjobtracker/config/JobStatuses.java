package io.github.optimizationjobtracker.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The statuses an optimization job can be recorded in: SageMaker's six, plus DELETED (job removed). */
public final class JobStatuses {
    public static final String STARTING = "STARTING";
    public static final String INPROGRESS = "INPROGRESS";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    public static final String STOPPING = "STOPPING";
    public static final String STOPPED = "STOPPED";
    public static final String DELETED = "DELETED";

    public static final Set<String> ALL = Set.of(STARTING, INPROGRESS, COMPLETED, FAILED, STOPPING, STOPPED, DELETED);
    /** All statuses, sorted, for error messages. */
    public static final String LISTED = String.join(", ", new java.util.TreeSet<>(ALL));

    private JobStatuses() {
    }

    /**
     * How far along its lifecycle a status is: STARTING, INPROGRESS, STOPPING, then the ends (COMPLETED, FAILED,
     * STOPPED), then DELETED; 0 for a status newer than this code.
     */
    public static int lifecycleRank(String status) {
        return switch (String.valueOf(status)) {
            case STARTING -> 1;
            case INPROGRESS -> 2;
            case STOPPING -> 3;
            case COMPLETED, FAILED, STOPPED -> 4;
            case DELETED -> 5;
            default -> 0;
        };
    }

    public static boolean isKnown(String status) {
        return status != null && ALL.contains(status);
    }

    /** Parses a comma-separated list such as {@code FAILED,STOPPED}; rejects unknown names. */
    public static Set<String> parseList(String csv) {
        Set<String> statuses = new LinkedHashSet<>();
        for (String part : csv.split(",")) {
            String status = part.trim().toUpperCase(Locale.ROOT);
            if (status.isEmpty()) {
                continue;
            }
            if (!isKnown(status)) {
                throw new IllegalArgumentException("unknown status '" + part.trim() + "' (expected some of "
                        + LISTED + ")");
            }
            statuses.add(status);
        }
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("names no status");
        }
        return Set.copyOf(statuses);
    }
}
