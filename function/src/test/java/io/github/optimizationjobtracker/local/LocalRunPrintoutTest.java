package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the local run tells a newcomer when an event names a job the SageMaker stand-in does not know. */
class LocalRunPrintoutTest {

    @Test
    void aJobWithoutADescribeFixtureIsNamedWithTheFileToAdd() {
        String nothingRecorded = "{\"eventId\":\"e\",\"jobName\":\"my-new-job\",\"status\":null,\"newStatus\":false,"
                + "\"currentRecordUpdated\":false,\"alert\":\"NONE\"}";

        assertThat(LocalRun.missingFixture(TestEvents.LAYOUT, nothingRecorded)).hasValueSatisfying(hint ->
                assertThat(hint).contains("does not know my-new-job")
                        .contains("events/sagemaker/describe/my-new-job.json"));
    }

    @Test
    void aJobWithAFixtureOrARecordedEventNeedsNoHint() {
        assertThat(LocalRun.missingFixture(TestEvents.LAYOUT, "{\"jobName\":\"llama3-8b-spec-decoding\",\"status\":null}"))
                .as("a fixture exists").isEmpty();
        assertThat(LocalRun.missingFixture(TestEvents.LAYOUT, "{\"jobName\":\"my-new-job\",\"status\":\"FAILED\"}"))
                .as("something was recorded").isEmpty();
        assertThat(LocalRun.missingFixture(TestEvents.LAYOUT, "{\"jobName\":\"bad name\",\"status\":null}"))
                .as("no job can have that name").isEmpty();
    }
}
