package io.github.optimizationjobtracker.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.job.JobStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
    private final EventParser parser = new EventParser(java.time.Clock.systemUTC());

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
    void parsesEverySampleEvent(String file, JobEvent.Kind kind, String jobName, JobStatus status) {
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
            "invalid/invalid-job-name.json     | job name 'bad_name!; DROP TABLE' (21 characters) does not match SageMaker's rule",
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

    @Test
    void aJobNameLongerThanSixtyThreeCharactersIsRejectedWhateverItsDashes() {
        var event = SampleEvents.event("state-change-completed.json");
        String name = "a" + "-".repeat(4998) + "b";
        event.getDetail().put("OptimizationJobName", name);

        assertThatThrownBy(() -> parser.parse(event)).isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("(5000 characters) does not match SageMaker's rule: 1-63 characters");
        assertThat(JobNames.isValid("a".repeat(63))).isTrue();
        assertThat(JobNames.isValid("a".repeat(64))).isFalse();
        assertThat(JobNames.isValid("")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CreationTime     | 253370764800000 | detail.CreationTime 9999-01-01T00:00:00Z is in the future",
            "LastModifiedTime | 1795776079655999 | detail.LastModifiedTime",
            "CreationTime     | 1e30            | is not a time in epoch milliseconds",
            "CreationTime     | yesterday       | is not an ISO-8601 time",
            "CreationTime     | -9000000000000000 | is before 2000-01-01T00:00:00Z",
            "LastModifiedTime | 0               | detail.LastModifiedTime 1970-01-01T00:00:00Z is before 2000",
    })
    void timesThatNoClockCouldHaveRecordedAreInvalid(String field, String value, String reason) {
        var event = SampleEvents.event("state-change-failed.json");
        event.getDetail().put(field, value.matches("-?[0-9e]+") ? new java.math.BigDecimal(value) : value);

        assertThatThrownBy(() -> parser.parse(event)).isInstanceOf(RejectedEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aTimeWithinTheClockSkewIsAccepted() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        EventParser atNoon = new EventParser(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        var event = SampleEvents.event("state-change-failed.json");
        event.getDetail().put("LastModifiedTime", now.plus(EventParser.MAX_CLOCK_SKEW).toEpochMilli());
        event.setTime(new org.joda.time.DateTime(now.toEpochMilli()));

        assertThat(atNoon.parse(event).eventTime()).isEqualTo(now.plus(EventParser.MAX_CLOCK_SKEW));
        event.getDetail().put("LastModifiedTime", now.plus(EventParser.MAX_CLOCK_SKEW).plusMillis(1).toEpochMilli());
        assertThatThrownBy(() -> atNoon.parse(event)).hasMessageContaining("is in the future");
    }

    @Test
    void anEmptyDetailIsAHintWhenResourcesNameTheJob() {
        var event = SampleEvents.event("state-change-completed.json");
        event.setDetail(new java.util.HashMap<>());

        JobEvent parsed = parser.parse(event);
        assertThat(parsed.jobName()).isEqualTo("llama3-8b-awq-int4");
        assertThat(parsed.jobArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/llama3-8b-awq-int4");
        assertThat(parsed.reportedStatus()).isNull();
        assertThat(parsed.claims()).isEqualTo(JobEvent.Claims.NONE);
    }

    @Test
    void aStateChangeWithNeitherDetailNorJobArnIsRejected() {
        var event = SampleEvents.event("state-change-completed.json");
        event.setDetail(new java.util.HashMap<>());
        event.setResources(java.util.List.of());

        assertThatThrownBy(() -> parser.parse(event)).hasMessageContaining(
                "event has no detail, and no optimization-job ARN in resources");
    }

    @Test
    void theArnOfAJobKnownOnlyByNameIsBuiltFromTheEventsAccountAndRegion() {
        JobEvent stop = parser.parse(SampleEvents.event("cloudtrail-stop.json"));
        assertThat(stop.jobArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/qwen2-7b-fp8");
        assertThat(JobNames.arn("cn-north-1", "123456789012", "j")).startsWith("arn:aws-cn:sagemaker:cn-north-1:");
        assertThat(JobNames.arn("us-gov-west-1", "123456789012", "j")).startsWith("arn:aws-us-gov:");
        assertThat(JobNames.arn("not a region", "123456789012", "j")).isNull();
    }

    @Test
    void theRouteIsReadFromTheRulesWrapperAndOnlyLabelsTheEvent() {
        byte[] raw = SampleEvents.bytes("state-change-failed.json");
        String wrapped = "{\"route\":\"tracker-bus\",\"event\":" + new String(raw, java.nio.charset.StandardCharsets.UTF_8) + "}";

        JobEvent direct = parser.parse(DeliveredEvent.read(raw));
        JobEvent delivered = parser.parse(DeliveredEvent.read(wrapped.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(direct.route()).isEqualTo(JobEvent.Route.DIRECT);
        assertThat(direct.origin()).isEqualTo("optimization-job-tracker state change (direct)");
        assertThat(delivered.route()).isEqualTo(JobEvent.Route.TRACKER_BUS);
        assertThat(delivered.origin()).isEqualTo("optimization-job-tracker state change (tracker bus)");
        assertThat(delivered.claims()).isEqualTo(direct.claims());
        assertThat(direct.isCheckablePollerClaim()).as("names a status and an incarnation").isTrue();
        assertThatThrownBy(() -> DeliveredEvent.read(wrapped.replace("tracker-bus", "my-bus")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessageContaining("route 'my-bus' is not one of the stack's rules'");
        assertThatThrownBy(() -> DeliveredEvent.read("{\"route\":\"tracker-bus\",\"event\":[1]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessage("the delivered event's \"event\" is not a JSON object");
    }

    @Test
    void aFailedCallMayNameAJobSageMakerWouldRefuseAndTheNameIsKeptPrintable() {
        var event = SampleEvents.event("cloudtrail-create-failed.json");
        @SuppressWarnings("unchecked")
        var request = (java.util.Map<String, Object>) event.getDetail().get("requestParameters");
        request.put("optimizationJobName", "my_job_v2\n");

        JobEvent parsed = parser.parse(event);
        assertThat(parsed.jobName()).isEqualTo("my_job_v2?");
        assertThat(parsed.jobArn()).as("no ARN for a name no job can have").isNull();
        event.getDetail().remove("errorCode");
        assertThatThrownBy(() -> parser.parse(event)).hasMessageContaining("does not match SageMaker's rule");
    }

    @Test
    void aRejectedCreateCarriesTheRequestFactsAndTheRedactedErrorMessage() {
        var event = SampleEvents.event("cloudtrail-create-failed.json");
        event.getDetail().put("errorMessage", "Environment {HF_TOKEN=hf_AbCdEf0123456789secretvalue} is invalid");

        JobEvent parsed = parser.parse(event);
        assertThat(parsed.callError().message()).isEqualTo("Environment {HF_TOKEN=***REDACTED***} is invalid");
        assertThat(parsed.call().request()).isEqualTo(new JobEvent.CreateRequest("ml.g5.12xlarge",
                "arn:aws:iam::123456789012:role/MissingRole",
                "s3://acme-ml-models-123456789012/meta-llama/Meta-Llama-3-8B-Instruct/",
                "s3://acme-ml-optimized-123456789012/bad-role-quantization/"));
    }

    @Test
    void aBlankIdIsNoId() {
        var event = SampleEvents.event("state-change-failed.json");
        event.setId("  ");

        assertThatThrownBy(() -> parser.parse(event)).hasMessageContaining("event has no id");
    }

    @Test
    void anEnvelopeWithoutDetailOrTimeIsStillAHintWhenResourcesNameTheJob() {
        var event = SampleEvents.event("state-change-completed.json");
        event.setDetail(null);
        event.setTime(null);

        JobEvent parsed = parser.parse(event);
        assertThat(parsed.jobName()).isEqualTo("llama3-8b-awq-int4");
        assertThat(parsed.eventTime()).isNull();
    }

    @Test
    void anEnvelopeTimeInTheFutureIsInvalid() {
        var event = SampleEvents.event("state-change-failed.json");
        event.setTime(new org.joda.time.DateTime(Instant.now().plus(java.time.Duration.ofHours(1)).toEpochMilli()));

        assertThatThrownBy(() -> parser.parse(event)).hasMessageContaining("time ").hasMessageContaining("is in the future");
    }

    @Test
    void anEnvelopeTimeNoServiceCouldHaveRecordedIsInvalid() {
        byte[] ancient = new String(SampleEvents.bytes("cloudtrail-delete.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"time\": ?\"[^\"]+\"", "\"time\": \"-300000000-01-01T00:00:00Z\"")
                .replaceFirst("\"eventTime\": ?\"[^\"]+\",?", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(DeliveredEvent.read(ancient))).isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("time -300000000-01-01T00:00:00Z is before 2000-01-01T00:00:00Z");
    }

    @Test
    void aCloudTrailRecordWithoutDetailIsRejected() {
        var event = SampleEvents.event("cloudtrail-stop.json");
        event.setDetail(new java.util.HashMap<>());

        assertThatThrownBy(() -> parser.parse(event)).hasMessageEndingWith("event has no detail");
    }

    @Test
    void aStateChangeNamingItsJobOnlyByArnInTheDetailIsUnderstood() {
        var event = SampleEvents.event("state-change-completed.json");
        event.getDetail().remove("OptimizationJobName");
        event.setResources(java.util.List.of());

        JobEvent parsed = parser.parse(event);
        assertThat(parsed.jobName()).isEqualTo("llama3-8b-awq-int4");
        assertThat(parsed.jobArn()).isEqualTo(event.getDetail().get("OptimizationJobArn"));
    }

    @Test
    void aStateChangeNamingItsJobOnlyByNameGetsTheArnOfTheEventsAccountAndRegion() {
        var event = SampleEvents.event("state-change-completed.json");
        event.getDetail().remove("OptimizationJobArn");
        event.setResources(java.util.List.of());
        event.setRegion("eu-west-1");
        event.setAccount("210987654321");

        assertThat(parser.parse(event).jobArn())
                .isEqualTo("arn:aws:sagemaker:eu-west-1:210987654321:optimization-job/llama3-8b-awq-int4");
    }

    @Test
    void aStateChangeWithDetailButNoJobNameAnywhereIsRejected() {
        var event = SampleEvents.event("state-change-completed.json");
        event.getDetail().remove("OptimizationJobName");
        event.getDetail().remove("OptimizationJobArn");
        event.setResources(java.util.List.of("arn:aws:s3:::not-a-job"));

        assertThatThrownBy(() -> parser.parse(event)).hasMessageContaining("no optimization job name found in"
                + " detail.OptimizationJobName or an optimization-job ARN in resources");
    }

    @Test
    void aCloudTrailRecordFromAnotherServiceIsRejected() {
        var event = SampleEvents.event("cloudtrail-stop.json");
        event.getDetail().put("eventSource", "s3.amazonaws.com");

        assertThatThrownBy(() -> parser.parse(event))
                .hasMessageContaining("detail.eventSource 's3.amazonaws.com' is not sagemaker.amazonaws.com");
    }

    @Test
    void aCloudTrailRecordWithoutTheNameInItsRequestTakesItFromTheResponsesArn() {
        var event = SampleEvents.event("cloudtrail-create.json");
        @SuppressWarnings("unchecked")
        var request = (java.util.Map<String, Object>) event.getDetail().get("requestParameters");
        request.remove("optimizationJobName");
        event.getDetail().put("responseElements", new java.util.HashMap<>(java.util.Map.of("optimizationJobArn",
                "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/from-response")));

        assertThat(parser.parse(event).jobName()).isEqualTo("from-response");
    }

    @Test
    void aCloudTrailRecordsOwnRegionAndAccountMakeTheArnAndTheEnvelopesStandIn() {
        var event = SampleEvents.event("cloudtrail-stop.json");
        event.getDetail().put("awsRegion", "ap-south-1");
        event.getDetail().put("recipientAccountId", "210987654321");
        assertThat(parser.parse(event).jobArn())
                .isEqualTo("arn:aws:sagemaker:ap-south-1:210987654321:optimization-job/qwen2-7b-fp8");
        assertThat(parser.parse(event).region()).isEqualTo("ap-south-1");

        event.getDetail().remove("awsRegion");
        event.getDetail().remove("recipientAccountId");
        event.setRegion("eu-central-1");
        event.setAccount("111122223333");
        assertThat(parser.parse(event).jobArn())
                .isEqualTo("arn:aws:sagemaker:eu-central-1:111122223333:optimization-job/qwen2-7b-fp8");
    }

    @Test
    void theModelSourceOfACreateIsItsS3UriOrItsSageMakerModel() {
        var event = SampleEvents.event("cloudtrail-create-failed.json");
        @SuppressWarnings("unchecked")
        var request = (java.util.Map<String, Object>) event.getDetail().get("requestParameters");
        request.put("modelSource", java.util.Map.of("sageMakerModel", java.util.Map.of("modelName", "my-model")));
        assertThat(parser.parse(event).call().request().modelSource()).isEqualTo("SageMaker model my-model");

        request.put("modelSource", java.util.Map.of("somethingNewer", java.util.Map.of("x", "y")));
        assertThat(parser.parse(event).call().request().modelSource()).isNull();

        request.remove("modelSource");
        assertThat(parser.parse(event).call().request().modelSource()).isNull();
    }

    @Test
    void theCallerIsTheArnOrTheInvokingServiceOrThePrincipalId() {
        var event = SampleEvents.event("cloudtrail-stop.json");
        event.getDetail().put("userIdentity", java.util.Map.of("invokedBy", "sagemaker.amazonaws.com",
                "principalId", "AROAEXAMPLE:session"));
        assertThat(parser.parse(event).initiator()).isEqualTo("sagemaker.amazonaws.com");

        event.getDetail().put("userIdentity", java.util.Map.of("principalId", "AROAEXAMPLE:session"));
        assertThat(parser.parse(event).initiator()).isEqualTo("AROAEXAMPLE:session");

        event.getDetail().remove("userIdentity");
        assertThat(parser.parse(event).initiator()).isNull();
    }

    @Test
    void timesMayBeMillisecondsAsNumbersOrTextOrIsoTextOrAbsent() {
        var event = SampleEvents.event("state-change-failed.json");
        event.getDetail().put("CreationTime", "1764230000000");
        event.getDetail().put("LastModifiedTime", "2026-11-27T10:41:19.655Z");
        event.getDetail().put("OptimizationStartTime", null);

        JobEvent parsed = parser.parse(event);
        assertThat(parsed.claims().creationTime()).isEqualTo(Instant.ofEpochMilli(1764230000000L));
        assertThat(parsed.claims().lastModifiedTime()).isEqualTo(Instant.parse("2026-11-27T10:41:19.655Z"));
        event.getDetail().put("LastModifiedTime", "2999-01-01T00:00:00Z");
        assertThatThrownBy(() -> parser.parse(event))
                .hasMessageContaining("detail.LastModifiedTime 2999-01-01T00:00:00Z is in the future");
    }

    @Test
    void aCallTimeInTheFutureIsInvalidAndAMissingOneIsTheEnvelopes() {
        var event = SampleEvents.event("cloudtrail-stop.json");
        event.getDetail().put("eventTime", "2999-01-01T00:00:00Z");
        assertThatThrownBy(() -> parser.parse(event))
                .hasMessageContaining("detail.eventTime 2999-01-01T00:00:00Z is in the future");

        event.getDetail().remove("eventTime");
        assertThat(parser.parse(event).eventTime()).isEqualTo(Instant.ofEpochMilli(event.getTime().getMillis()));
    }
}
