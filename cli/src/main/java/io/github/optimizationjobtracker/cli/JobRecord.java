package io.github.optimizationjobtracker.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One job as the table records it: its current record, or a rejected create listed beside current records in the
 * status index (status {@code CREATE_REJECTED}, the call's error as its reason). Absent facts are null.
 *
 * @param category  the failure category's name as stored (see FailureCategory), or null
 * @param createdBy who created this incarnation, when a CloudTrail create said (never an earlier incarnation's)
 */
public record JobRecord(String name, String arn, String status, Instant created, Instant lastChange, Instant started,
                        Instant ended, String failureReason, String category, String instanceType,
                        List<String> optimizationTypes, String modelSource, String outputLocation, String createdBy) {

    /** How long the job ran: from its start to its end, once it has both. */
    public Optional<Duration> runtime() {
        return started == null || ended == null ? Optional.empty() : Optional.of(Duration.between(started, ended));
    }
}
