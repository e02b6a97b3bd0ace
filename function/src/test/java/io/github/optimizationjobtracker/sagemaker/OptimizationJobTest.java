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
}
