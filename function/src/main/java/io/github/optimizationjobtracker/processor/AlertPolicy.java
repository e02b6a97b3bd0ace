package io.github.optimizationjobtracker.processor;

import io.github.optimizationjobtracker.classification.FailureRules;
import io.github.optimizationjobtracker.job.JobStatus;
import java.util.Locale;
import java.util.Set;

/**
 * What deserves a person's attention: the statuses that alert, the rejected-create error codes that alert, how a
 * failure is classified, and how many failures in one window make a storm worth a summary (0: never).
 */
public record AlertPolicy(Set<JobStatus> alertStatuses, Set<String> createRejectionAlertCodes,
                          FailureRules failureRules, int stormThreshold) {

    public boolean alerts(JobStatus status) {
        return alertStatuses.contains(status);
    }

    /** Codes are compared without regard to case. */
    public boolean alertsRejection(String errorCode) {
        return createRejectionAlertCodes.contains(errorCode.toLowerCase(Locale.ROOT));
    }

    public boolean isStorm(int failures) {
        return stormThreshold > 0 && failures >= stormThreshold;
    }
}
