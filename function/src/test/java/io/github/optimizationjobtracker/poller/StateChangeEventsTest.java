package io.github.optimizationjobtracker.poller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.OptimizationJobSummary;

/** The event other teams subscribe to (README documents its detail): every field of a listed job, as documented. */
class StateChangeEventsTest {

    @Test
    void theDetailCarriesEveryListedFactInEpochMilliseconds() {
        OptimizationJobSummary job = OptimizationJobSummary.builder().optimizationJobName("j")
                .optimizationJobArn("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/j")
                .optimizationJobStatus("COMPLETED").creationTime(Instant.parse("2026-11-30T10:00:00.123Z"))
                .lastModifiedTime(Instant.parse("2026-11-30T11:00:00Z"))
                .optimizationStartTime(Instant.parse("2026-11-30T10:01:00Z"))
                .optimizationEndTime(Instant.parse("2026-11-30T10:59:00Z"))
                .deploymentInstanceType("ml.g5.12xlarge").maxInstanceCount(2)
                .optimizationTypes("Quantization", "Compilation").build();

        JsonNode detail = StateChangeEvents.detail(job, "INPROGRESS");

        assertThat(detail.get("OptimizationJobName").asText()).isEqualTo("j");
        assertThat(detail.get("OptimizationJobArn").asText()).endsWith(":optimization-job/j");
        assertThat(detail.get("OptimizationJobStatus").asText()).isEqualTo("COMPLETED");
        assertThat(detail.get("PreviousStatus").asText()).isEqualTo("INPROGRESS");
        assertThat(detail.get("CreationTime").asLong()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z").toEpochMilli());
        assertThat(detail.get("LastModifiedTime").asLong()).isEqualTo(Instant.parse("2026-11-30T11:00:00Z").toEpochMilli());
        assertThat(detail.get("OptimizationStartTime").asLong()).isEqualTo(Instant.parse("2026-11-30T10:01:00Z").toEpochMilli());
        assertThat(detail.get("OptimizationEndTime").asLong()).isEqualTo(Instant.parse("2026-11-30T10:59:00Z").toEpochMilli());
        assertThat(detail.get("DeploymentInstanceType").asText()).isEqualTo("ml.g5.12xlarge");
        assertThat(detail.get("MaxInstanceCount").asInt()).isEqualTo(2);
        assertThat(detail.get("OptimizationTypes")).extracting(JsonNode::asText).containsExactly("Quantization", "Compilation");
        assertThat(detail.size()).isEqualTo(11);
    }

    @Test
    void whatAJobDoesNotHaveIsLeftOut() {
        OptimizationJobSummary job = OptimizationJobSummary.builder().optimizationJobName("new")
                .optimizationJobStatus("STARTING").creationTime(Instant.parse("2026-11-30T10:00:00Z")).build();

        JsonNode detail = StateChangeEvents.detail(job, null);

        assertThat(detail.has("PreviousStatus")).as("the table did not know the job").isFalse();
        assertThat(detail.has("LastModifiedTime")).isFalse();
        assertThat(detail.has("DeploymentInstanceType")).isFalse();
        assertThat(detail.has("MaxInstanceCount")).isFalse();
        assertThat(detail.get("OptimizationTypes")).isEmpty();
    }

    @Test
    void aPollsResultIsReportedWithEveryCount() {
        PollResult result = new PollResult(Instant.parse("2026-11-30T09:55:00Z"), Instant.parse("2026-11-30T10:00:00Z"),
                true, 3, 250, 7, 4, 2, 42.5);

        JsonNode json = Json.parse(result.toJson().getBytes(StandardCharsets.UTF_8));

        assertThat(json.get("listedAfter").asText()).isEqualTo("2026-11-30T09:55:00.000Z");
        assertThat(json.get("polledThrough").asText()).isEqualTo("2026-11-30T10:00:00.000Z");
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("pagesRead").asInt()).isEqualTo(3);
        assertThat(json.get("jobsSeen").asInt()).isEqualTo(250);
        assertThat(json.get("eventsEmitted").asInt()).isEqualTo(7);
        assertThat(json.get("listCalls").asInt()).isEqualTo(4);
        assertThat(json.get("putEventsCalls").asInt()).isEqualTo(2);
        assertThat(json.get("maxLagSeconds").asDouble()).isEqualTo(42.5);
    }
}
