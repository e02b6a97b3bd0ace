package io.github.optimizationjobtracker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void readsSageMakersStringsAndCallsAnythingElseUnknown() {
        assertThat(JobStatus.of("INPROGRESS")).isEqualTo(JobStatus.INPROGRESS);
        assertThat(JobStatus.of("DELETED")).isEqualTo(JobStatus.DELETED);
        assertThat(JobStatus.of("failed")).as("SageMaker's strings are upper case").isEqualTo(JobStatus.UNKNOWN);
        assertThat(JobStatus.of("PAUSED")).isEqualTo(JobStatus.UNKNOWN);
        assertThat(JobStatus.of("UNKNOWN")).as("no value names UNKNOWN itself").isEqualTo(JobStatus.UNKNOWN);
        assertThat(JobStatus.of(null)).isEqualTo(JobStatus.UNKNOWN);
        assertThat(JobStatus.isKnown("STOPPED")).isTrue();
        assertThat(JobStatus.isKnown("UNKNOWN")).isFalse();
    }

    @Test
    void ranksTheLifecycleWithTheEndsTogetherAndUnknownFirst() {
        assertThat(JobStatus.UNKNOWN.lifecycleRank()).isZero();
        assertThat(JobStatus.STARTING.lifecycleRank()).isLessThan(JobStatus.INPROGRESS.lifecycleRank());
        assertThat(JobStatus.INPROGRESS.lifecycleRank()).isLessThan(JobStatus.STOPPING.lifecycleRank());
        assertThat(JobStatus.STOPPING.lifecycleRank()).isLessThan(JobStatus.FAILED.lifecycleRank());
        assertThat(JobStatus.COMPLETED.lifecycleRank()).isEqualTo(JobStatus.FAILED.lifecycleRank())
                .isEqualTo(JobStatus.STOPPED.lifecycleRank());
        assertThat(JobStatus.FAILED.lifecycleRank()).isLessThan(JobStatus.DELETED.lifecycleRank());
        assertThat(JobStatus.STOPPED.isFinal()).isTrue();
        assertThat(JobStatus.STOPPING.isFinal()).isFalse();
        assertThat(JobStatus.UNKNOWN.isFinal()).isFalse();
    }

    @Test
    void parsesAListInAnyCaseAndNamesWhatItDoesNotKnow() {
        assertThat(JobStatus.parseList(" failed, Stopped ,,")).isEqualTo(Set.of(JobStatus.FAILED, JobStatus.STOPPED));
        assertThatThrownBy(() -> JobStatus.parseList("FAILED,PAUSED")).hasMessage(
                "unknown status 'PAUSED' (expected some of COMPLETED, DELETED, FAILED, INPROGRESS, STARTING, STOPPED,"
                        + " STOPPING)");
        assertThatThrownBy(() -> JobStatus.parseList("UNKNOWN")).hasMessageStartingWith("unknown status 'UNKNOWN'");
        assertThatThrownBy(() -> JobStatus.parseList(" , ")).hasMessage("names no status");
    }
}
