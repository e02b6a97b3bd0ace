package io.github.optimizationjobtracker.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.classification.FailureRules;
import io.github.optimizationjobtracker.job.JobStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A storm is the threshold's worth of failures in one window, not one more; a threshold of zero means none. */
class AlertPolicyTest {

    @Test
    void theFailureThatReachesTheThresholdMakesTheStorm() {
        AlertPolicy policy = new AlertPolicy(Set.of(JobStatus.FAILED), Set.of(), FailureRules.load(), 5);

        assertThat(policy.isStorm(4)).isFalse();
        assertThat(policy.isStorm(5)).isTrue();
        assertThat(policy.isStorm(6)).isTrue();
    }

    @Test
    void aThresholdOfZeroMakesNoStormHoweverManyFail() {
        AlertPolicy policy = new AlertPolicy(Set.of(JobStatus.FAILED), Set.of(), FailureRules.load(), 0);

        assertThat(policy.isStorm(0)).isFalse();
        assertThat(policy.isStorm(1_000)).isFalse();
    }
}
