package io.github.optimizationjobtracker.poller;

import io.github.optimizationjobtracker.store.KnownJobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sagemaker.model.OptimizationJobSummary;

/** What the poller counts as news: a stored record may never hide a listed change. */
class JobPollerChangedTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "nothing stored                              |        |                          |                          | true",
            "same incarnation, status and change         | FAILED | 2026-11-28T09:00:00.000Z | 2026-11-28T11:00:00.000Z | false",
            "stored status differs                       | INPROGRESS | 2026-11-28T09:00:00.000Z | 2026-11-28T11:00:00.000Z | true",
            "listed change is newer                      | FAILED | 2026-11-28T09:00:00.000Z | 2026-11-28T10:59:59.999Z | true",
            "stored change is newer (a later describe)   | FAILED | 2026-11-28T09:00:00.000Z | 2026-11-28T11:00:00.001Z | false",
            "an earlier incarnation is stored            | FAILED | 2026-11-27T09:00:00.000Z | 2026-11-28T11:00:00.000Z | true",
            "a later incarnation is stored (forged)      | FAILED | 9999-01-01T00:00:00.000Z | 9999-01-01T00:00:00.000Z | true",
            "same incarnation, change in the future      | FAILED | 2026-11-28T09:00:00.000Z | 9999-01-01T00:00:00.000Z | true",
            "stored change at the edge of the clock skew | FAILED | 2026-11-28T09:00:00.000Z | 2026-11-28T12:05:00.000Z | false",
            "stored change just past the clock skew      | FAILED | 2026-11-28T09:00:00.000Z | 2026-11-28T12:05:00.001Z | true",
            "stored record without a status              | (none) | 2026-11-28T09:00:00.000Z | 2026-11-28T11:00:00.000Z | true",
            "stored record without a creation time       | FAILED | (none)                   | 2026-11-28T11:00:00.000Z | true",
            "stored record without a change time         | FAILED | 2026-11-28T09:00:00.000Z | (none)                   | true",
    })
    void aStoredRecordNeverHidesAListedChange(String scenario, String status, String created, String changed,
                                              boolean expected) {
        OptimizationJobSummary listed = OptimizationJobSummary.builder().optimizationJobName("job")
                .optimizationJobStatus("FAILED").creationTime(Instant.parse("2026-11-28T09:00:00Z"))
                .lastModifiedTime(Instant.parse("2026-11-28T11:00:00Z")).build();
        KnownJobs.Known stored = status == null ? null
                : new KnownJobs.Known(none(status), none(created), none(changed));

        assertThat(JobPoller.changed(listed, stored, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "listed without a change time, stored at its creation | 2026-11-28T09:00:00.000Z | false",
            "listed without a change time, stored earlier         | 2026-11-28T08:59:59.999Z | true",
    })
    void aJobListedWithoutAChangeTimeChangedWhenItWasCreated(String scenario, String storedChange, boolean expected) {
        OptimizationJobSummary listed = OptimizationJobSummary.builder().optimizationJobName("job")
                .optimizationJobStatus("STARTING").creationTime(Instant.parse("2026-11-28T09:00:00Z")).build();
        KnownJobs.Known stored = new KnownJobs.Known("STARTING", "2026-11-28T09:00:00.000Z", storedChange);

        assertThat(JobPoller.changed(listed, stored, NOW)).isEqualTo(expected);
    }

    private static String none(String value) {
        return "(none)".equals(value) ? null : value;
    }
}
