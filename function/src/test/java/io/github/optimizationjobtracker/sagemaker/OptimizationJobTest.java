package io.github.optimizationjobtracker.sagemaker;

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
    void readsTheFactsAndRewritesEpochTimesAsSortableIso() {
        OptimizationJob job = OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));

        assertThat(job.name()).isEqualTo("llama3-8b-spec-decoding");
        assertThat(job.status()).isEqualTo("FAILED");
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
    void aJobInANewStatusKeepsItsFactsAndTakesTheNewTimeAndReason() {
        OptimizationJob job = OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));
        Instant later = Instant.parse("2026-11-28T00:00:00Z");

        OptimizationJob deleted = job.withStatus("DELETED", later, null);
        assertThat(deleted.status()).isEqualTo("DELETED");
        assertThat(deleted.lastModifiedTime()).isEqualTo(later);
        assertThat(deleted.failureReason()).as("no new reason: the old one stays").isEqualTo(job.failureReason());
        assertThat(deleted.document().get("OptimizationJobStatus").asText()).isEqualTo("DELETED");
        assertThat(deleted.document().get("LastModifiedTime").asText()).isEqualTo("2026-11-28T00:00:00.000Z");
        assertThat(deleted.instanceType()).isEqualTo(job.instanceType());

        OptimizationJob failed = job.withStatus("FAILED", later, "new reason");
        assertThat(failed.failureReason()).isEqualTo("new reason");
        assertThat(failed.document().get("FailureReason").asText()).isEqualTo("new reason");
        assertThat(job.document().get("OptimizationJobStatus").asText()).as("the original is unchanged").isEqualTo("FAILED");
    }
}
