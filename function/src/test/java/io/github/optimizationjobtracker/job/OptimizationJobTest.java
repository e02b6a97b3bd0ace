package io.github.optimizationjobtracker.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.redaction.SecretRedactor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OptimizationJobTest {

    @Test
    void keepsEveryMemberIncludingOnesNewerThanTheSdk() {
        ObjectNode raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.putObject("SomeFutureMember").put("Answer", 42);

        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        assertThat(job.document().has("TrainingPlanArns")).isTrue();
        assertThat(job.document().get("SomeFutureMember").get("Answer").asInt()).isEqualTo(42);
        assertThat(job.document().get("OptimizationConfigs").get(0).has("ModelSpeculativeDecodingConfig")).isTrue();
    }

    @Test
    void aResponseWithoutLastModifiedTimeWasLastModifiedWhenCreated() {
        ObjectNode raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.remove("LastModifiedTime");

        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        assertThat(job.lastModifiedTime()).isEqualTo(job.creationTime());
    }

    @Test
    void readsTheFactsAndRewritesEpochTimesAsSortableIso() {
        OptimizationJob job = OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));

        assertThat(job.name()).isEqualTo("llama3-8b-spec-decoding");
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.statusValue()).isEqualTo("FAILED");
        assertThat(job.creationTime()).isEqualTo(Instant.parse("2026-11-27T09:12:05.339Z"));
        assertThat(job.document().get("CreationTime").asText()).isEqualTo("2026-11-27T09:12:05.339Z");
        assertThat(job.optimizationTypes()).containsExactly("SpeculativeDecoding");
        assertThat(job.modelSource()).isEqualTo("SageMaker model llama3-8b-instruct-ft-v3");
        assertThat(job.failureReason()).contains("\n").contains("CUDA out of memory");
    }

    @Test
    void redactsCredentialLookingEnvironmentValuesOnly() {
        ObjectNode raw = SampleEvents.describeFixture("llama3-70b-sharded-p4d");
        String rawText = raw.toString();

        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        ObjectNode override = (ObjectNode) job.document().get("OptimizationConfigs").get(0)
                .get("ModelShardingConfig").get("OverrideEnvironment");
        assertThat(override.get("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(override.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo(SecretRedactor.REDACTED);
        assertThat(override.get("OPTION_TENSOR_PARALLEL_DEGREE").asText()).isNotEqualTo(SecretRedactor.REDACTED);
        assertThat(job.document().toString()).doesNotContain("wJalrXUtnFEMI");
        assertThat(rawText).contains("wJalrXUtnFEMI"); // the fixture really had a secret to redact
    }

    @Test
    void redactsInCloudTrailStyleLowerCaseEnvironmentsToo() {
        ObjectNode parameters = io.github.optimizationjobtracker.json.Json.object();
        parameters.putObject("optimizationEnvironment").put("HF_TOKEN", "hf_x").put("MODEL", "m");

        assertThat(SecretRedactor.redactDocument(parameters)).isEqualTo(1);
        assertThat(parameters.get("optimizationEnvironment").get("MODEL").asText()).isEqualTo("m");
    }

    @Test
    void aResponseWithoutNameOrCreationTimeIsNoJob() {
        ObjectNode noName = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        noName.remove("OptimizationJobName");
        ObjectNode noCreation = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        noCreation.putNull("CreationTime");

        for (ObjectNode raw : new ObjectNode[] {noName, noCreation}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OptimizationJob.fromDescribeResponse(raw))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("DescribeOptimizationJob response lacks OptimizationJobName or CreationTime");
        }
    }

    @Test
    void aJobNeverModifiedChangedWhenItWasCreatedAndTimesMayComeAsIsoText() {
        ObjectNode raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.remove("LastModifiedTime");
        raw.put("OptimizationStartTime", "2026-11-27T09:17:48.860Z");
        raw.putNull("OptimizationEndTime");

        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        assertThat(job.lastModifiedTime()).isEqualTo(job.creationTime());
        assertThat(job.startTime()).isEqualTo(Instant.parse("2026-11-27T09:17:48.860Z"));
        assertThat(job.endTime()).isNull();
    }

    @Test
    void everyNumericTimeIsWrittenAsIsoTextEvenInsideListsAndOtherNumbersAreLeftAlone() {
        ObjectNode raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.putArray("Events").addObject().put("EventTime", 1764230000.5).put("Count", 3);
        raw.putObject("Nested").put("SomeTime", 1764230000).put("Limit", 7).put("LabelTime", "later");

        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        assertThat(job.document().at("/Events/0/EventTime").asText()).isEqualTo("2025-11-27T07:53:20.500Z");
        assertThat(job.document().at("/Events/0/Count").asInt()).isEqualTo(3);
        assertThat(job.document().at("/Nested/SomeTime").asText()).isEqualTo("2025-11-27T07:53:20.000Z");
        assertThat(job.document().at("/Nested/Limit").isNumber()).isTrue();
        assertThat(job.document().at("/Nested/LabelTime").asText()).isEqualTo("later");
    }

    @Test
    void theModelSourceIsTheS3UriOrTheSageMakerModelOrNothing() {
        assertThat(OptimizationJob.modelSource(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .putObject("S3").put("S3Uri", "s3://m/"))).isNull();
        var s3 = io.github.optimizationjobtracker.json.Json.object();
        s3.putObject("S3").put("S3Uri", "s3://m/");
        assertThat(OptimizationJob.modelSource(s3)).isEqualTo("s3://m/");
        var model = io.github.optimizationjobtracker.json.Json.object();
        model.putObject("SageMakerModel").put("ModelName", "llama");
        assertThat(OptimizationJob.modelSource(model)).isEqualTo("SageMaker model llama");
        assertThat(OptimizationJob.modelSource(io.github.optimizationjobtracker.json.Json.object())).isNull();
        assertThat(OptimizationJob.modelSource(null)).isNull();
    }

    @Test
    void aDeletedJobKeepsTheRecordedFactsButNotTheReasonOfItsEarlierStatus() {
        OptimizationJob job = OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));
        Instant later = Instant.parse("2026-11-28T00:00:00Z");

        OptimizationJob deleted = OptimizationJob.deleted(job.name(), null, job.creationTime(), later, job.document());

        assertThat(deleted.status()).isEqualTo(JobStatus.DELETED);
        assertThat(deleted.arn()).as("from the document on record").isEqualTo(job.arn());
        assertThat(deleted.creationTime()).isEqualTo(job.creationTime());
        assertThat(deleted.lastModifiedTime()).isEqualTo(later);
        assertThat(deleted.failureReason()).isNull();
        assertThat(deleted.document().has("FailureReason")).isFalse();
        assertThat(deleted.document().get("OptimizationJobStatus").asText()).isEqualTo("DELETED");
        assertThat(deleted.document().get("LastModifiedTime").asText()).isEqualTo("2026-11-28T00:00:00.000Z");
        assertThat(deleted.instanceType()).isEqualTo(job.instanceType());
        assertThat(job.document().get("OptimizationJobStatus").asText()).as("the original is unchanged").isEqualTo("FAILED");
        assertThat(job.document().has("FailureReason")).isTrue();

        OptimizationJob unrecorded = OptimizationJob.deleted("gone", "arn:aws:sagemaker:us-east-1:1:optimization-job/gone",
                later, later, null);
        assertThat(unrecorded.document().get("OptimizationJobName").asText()).isEqualTo("gone");
        assertThat(unrecorded.arn()).endsWith("/gone");
    }

    @Test
    void aBuilderNeedsOnlyNameStatusAndCreationTime() {
        Instant created = Instant.parse("2026-11-27T10:00:00Z");

        OptimizationJob job = new OptimizationJob.Builder("j", JobStatus.STARTING, created).build();

        assertThat(job.lastModifiedTime()).as("last modified defaults to creation").isEqualTo(created);
        assertThat(job.document()).isEmpty();
        assertThat(job.optimizationTypes()).isEmpty();
        assertThat(job.statusValue()).isEqualTo("STARTING");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OptimizationJob.asListed("j", "arn:j", JobStatus.UNKNOWN,
                created, created, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatusNewerThanThisCodeIsKeptAsSageMakerNamesIt() {
        ObjectNode raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.put("OptimizationJobStatus", "PAUSED");

        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        assertThat(job.status()).isEqualTo(JobStatus.UNKNOWN);
        assertThat(job.statusValue()).isEqualTo("PAUSED");
        assertThat(job.toBuilder().status(JobStatus.STOPPED).build().statusValue()).isEqualTo("STOPPED");
    }

    @Test
    void aListedIncarnationAndARejectedCreateCarryOnlyWhatWasSeen() {
        Instant created = Instant.parse("2026-11-27T10:00:00Z");
        Instant changed = Instant.parse("2026-11-27T11:00:00Z");

        OptimizationJob listed = OptimizationJob.asListed("j", "arn:j", JobStatus.FAILED, created, changed, "why");
        assertThat(listed.document().get("OptimizationJobStatus").asText()).isEqualTo("FAILED");
        assertThat(listed.document().get("CreationTime").asText()).isEqualTo("2026-11-27T10:00:00.000Z");
        assertThat(listed.document().get("LastModifiedTime").asText()).isEqualTo("2026-11-27T11:00:00.000Z");
        assertThat(listed.document().get("FailureReason").asText()).isEqualTo("why");
        assertThat(listed.failureReason()).isEqualTo("why");
        assertThat(OptimizationJob.asListed("j", "arn:j", JobStatus.COMPLETED, created, changed, null).document()
                .has("FailureReason")).isFalse();

        OptimizationJob attempt = OptimizationJob.rejectedCreate("j", "arn:j", created, "rejected", "ml.g5.xlarge",
                "s3://m/", "s3://o/");
        assertThat(attempt.status()).isEqualTo(JobStatus.FAILED);
        assertThat(attempt.lastModifiedTime()).isEqualTo(created);
        assertThat(attempt.instanceType()).isEqualTo("ml.g5.xlarge");
        assertThat(attempt.modelSource()).isEqualTo("s3://m/");
        assertThat(attempt.outputLocation()).isEqualTo("s3://o/");
        assertThat(attempt.document().get("OptimizationJobName").asText()).isEqualTo("j");
    }
}
