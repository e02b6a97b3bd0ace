package io.github.optimizationjobtracker.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.SampleEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
    private final EventParser parser = new EventParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "state-change-starting.json,   STATE_CHANGE, mistral-7b-compile-inf2, STARTING",
            "state-change-inprogress.json, STATE_CHANGE, llama3-70b-sharded-p4d,  INPROGRESS",
            "state-change-completed.json,  STATE_CHANGE, llama3-8b-awq-int4,      COMPLETED",
            "state-change-failed.json,     STATE_CHANGE, llama3-8b-spec-decoding, FAILED",
            "state-change-stopping.json,   STATE_CHANGE, qwen2-7b-fp8,            STOPPING",
            "state-change-stopped.json,    STATE_CHANGE, falcon-40b-int8,         STOPPED",
            "cloudtrail-create.json,       CREATE_CALL,  mistral-7b-compile-inf2, ",
            "cloudtrail-create-failed.json, CREATE_CALL, bad-role-quantization,   ",
            "cloudtrail-stop.json,         STOP_CALL,    qwen2-7b-fp8,            ",
            "cloudtrail-delete.json,       DELETE_CALL,  old-llama2-awq,          ",
    })
    void parsesEverySampleEvent(String file, JobEvent.Kind kind, String jobName, String status) {
        JobEvent event = parser.parse(SampleEvents.event(file));

        assertThat(event.kind()).isEqualTo(kind);
        assertThat(event.jobName()).isEqualTo(jobName);
        assertThat(event.reportedStatus()).isEqualTo(status);
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.eventTime()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void failedCreateCarriesTheApiErrorAndWhoCalled() {
        JobEvent event = parser.parse(SampleEvents.event("cloudtrail-create-failed.json"));

        assertThat(event.isFailedCreate()).isTrue();
        assertThat(event.callError().code()).isEqualTo("ValidationException");
        assertThat(event.callError().message()).contains("Could not assume role");
        assertThat(event.initiator()).isEqualTo("arn:aws:sts::123456789012:assumed-role/MLPlatformEngineer/alice@example.com");
    }

    @Test
    void successfulCreateIsNotAFailure() {
        assertThat(parser.parse(SampleEvents.event("cloudtrail-create.json")).isFailedCreate()).isFalse();
    }

    @Test
    void stateChangeTakesTheJobNameFromTheResourceArnWhenDetailLacksIt() {
        var event = SampleEvents.event("state-change-completed.json");
        event.getDetail().remove("OptimizationJobName");
        event.getDetail().remove("OptimizationJobArn");

        assertThat(parser.parse(event).jobName()).isEqualTo("llama3-8b-awq-int4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid/missing-detail.json       | event has no detail",
            "invalid/wrong-source.json         | source 'aws.ec2' is not handled",
            "invalid/invalid-job-name.json     | job name 'bad_name!; DROP TABLE' does not match SageMaker's pattern",
            "invalid/unknown-status.json       | detail.OptimizationJobStatus 'EXPLODED' is not a known status",
            "invalid/cloudtrail-other-call.json| CloudTrail call 'ListOptimizationJobs' is not handled",
    })
    void rejectsInvalidEventsNamingTheEventAndTheReason(String file, String reason) {
        var event = SampleEvents.event(file);

        assertThatThrownBy(() -> parser.parse(event))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("Rejected event " + event.getId() + ": ")
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsAnEventWithoutId() {
        var event = SampleEvents.event("state-change-failed.json");
        event.setId(null);

        assertThatThrownBy(() -> parser.parse(event)).hasMessage(
                "Rejected event (no id): event has no id; is this an EventBridge event?");
    }

    @Test
    void quotesUntrustedTextSafely() {
        assertThat(JobNames.quote("a\nb\u0000c")).isEqualTo("'a?b?c'");
        assertThat(JobNames.quote("x".repeat(200))).hasSize(85);
    }
}
