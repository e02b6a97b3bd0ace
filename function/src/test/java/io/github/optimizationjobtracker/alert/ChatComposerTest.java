package io.github.optimizationjobtracker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.alert.AlertComposer.AlertType;
import io.github.optimizationjobtracker.classification.FailureClassification;
import io.github.optimizationjobtracker.classification.FailureRules;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.store.FailureStorms;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Chat messages against the custom-notification schema of Amazon Q Developer in chat applications: the required
 * fields and values, and the documented limits (title 250, description 8,000, each next step 350, each keyword 75
 * characters), whatever the job says.
 */
class ChatComposerTest {
    private final ChatComposer chat = new ChatComposer(new JobLinks("us-east-1"));

    private static JsonNode parse(String message) {
        return Json.parse(message.getBytes(StandardCharsets.UTF_8));
    }

    /** What the schema requires, and its limits. */
    private static void assertConforms(JsonNode message) {
        assertThat(message.get("version").asText()).isEqualTo("1.0");
        assertThat(message.get("source").asText()).isEqualTo("custom");
        JsonNode content = message.get("content");
        assertThat(content.get("textType").asText()).isEqualTo("client-markdown");
        assertThat(content.get("description").asText()).isNotBlank().hasSizeLessThanOrEqualTo(ChatComposer.MAX_DESCRIPTION);
        assertThat(content.get("title").asText()).hasSizeLessThanOrEqualTo(ChatComposer.MAX_TITLE);
        content.get("nextSteps").forEach(step -> assertThat(step.asText()).hasSizeLessThanOrEqualTo(ChatComposer.MAX_NEXT_STEP));
        content.get("keywords").forEach(word -> assertThat(word.asText()).hasSizeLessThanOrEqualTo(ChatComposer.MAX_KEYWORD));
        assertThat(message.at("/metadata/threadId").asText()).isNotBlank();
        assertThat(message.at("/metadata/enableCustomActions").asBoolean()).isTrue();
        message.at("/metadata/additionalContext").properties()
                .forEach(entry -> assertThat(entry.getValue().isTextual()).as(entry.getKey()).isTrue());
    }

    @Test
    void aFailedJobsMessageLeadsWithWhatToDoAndThreadsByJob() {
        OptimizationJob job = OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));
        FailureClassification failure = FailureRules.load().classify(job.failureReason(), job.instanceType());

        JsonNode message = parse(chat.compose(job, AlertType.JOB_STATUS, failure, Optional.of("arn:aws:sts::1:x/alice"), "e-1"));

        assertConforms(message);
        assertThat(message.get("id").asText()).isEqualTo("e-1");
        assertThat(message.at("/content/title").asText()).isEqualTo(":x: FAILED: SageMaker optimization job llama3-8b-spec-decoding");
        assertThat(message.at("/content/description").asText())
                .startsWith("*What to do* (out of GPU or accelerator memory): The model did not fit")
                .contains("*Instance type*: ml.g5.48xlarge").contains("*Started by*: arn:aws:sts::1:x/alice")
                .contains("```\nAlgorithmError: EAGLE draft-model training failed");
        assertThat(message.at("/content/nextSteps/0").asText()).startsWith("Read more: https://docs.aws.amazon.com/");
        assertThat(message.at("/content/nextSteps/1").asText()).isEqualTo("Open the job in the console: "
                + "https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1#/optimization-jobs/llama3-8b-spec-decoding");
        assertThat(message.at("/content/keywords")).extracting(JsonNode::asText)
                .containsExactly("FAILED", "GPU_MEMORY", "ml.g5.48xlarge");
        assertThat(message.at("/metadata/threadId").asText()).isEqualTo("llama3-8b-spec-decoding");
        assertThat(message.at("/metadata/summary").asText())
                .isEqualTo("FAILED: SageMaker optimization job llama3-8b-spec-decoding");
        assertThat(message.at("/content/description").asText())
                .contains("*Optimizations*: SpeculativeDecoding\n")
                .contains("*Model*: SageMaker model llama3-8b-instruct-ft-v3\n").endsWith("\n```");
        assertThat(message.at("/metadata/additionalContext/category").asText()).isEqualTo("GPU_MEMORY");
    }

    @Test
    void aJobWithoutReasonCategoryOrInstanceTypeStillReadsWell() {
        var raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.remove("FailureReason");
        raw.remove("DeploymentInstanceType");
        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);

        JsonNode message = parse(chat.compose(job, AlertType.JOB_STATUS, null, Optional.empty(), "e-4"));

        assertConforms(message);
        assertThat(message.at("/content/description").asText()).startsWith("*Region*: us-east-1\n")
                .doesNotContain("What to do").doesNotContain("Instance type").doesNotContain("Started by")
                .contains("```\n(SageMaker gave no failure reason)\n```");
        assertThat(message.at("/content/nextSteps")).extracting(JsonNode::asText).containsExactly(
                "Open the job in the console: https://us-east-1.console.aws.amazon.com/sagemaker/home?region=us-east-1"
                        + "#/optimization-jobs/llama3-8b-spec-decoding");
        assertThat(message.at("/content/keywords")).extracting(JsonNode::asText).containsExactly("FAILED");
        assertThat(message.at("/metadata/additionalContext/category").asText()).isEmpty();
    }

    @Test
    void everyLimitHoldsForAnAbsurdJob() {
        var raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.put("FailureReason", "```" + "\u00e9\u6a21\uD83D\uDE00".repeat(20_000) + "\r\n```");
        raw.put("DeploymentInstanceType", "ml." + "x".repeat(200));
        OptimizationJob job = OptimizationJob.fromDescribeResponse(raw);
        FailureClassification failure = new FailureClassification(
                io.github.optimizationjobtracker.classification.FailureCategory.UNKNOWN, "h".repeat(400),
                "https://docs.aws.amazon.com/" + "d".repeat(400), null);

        JsonNode message = parse(chat.compose(job, AlertType.CREATE_REJECTED, failure, Optional.empty(), "e-2"));

        assertConforms(message);
        assertThat(message.at("/content/title").asText()).startsWith(":no_entry: CREATE REJECTED: ");
        String description = message.at("/content/description").asText();
        assertThat(description).contains("*Error*:").doesNotContain("\r");
        assertThat(description.chars().filter(c -> c == '`').count()).as("the reason cannot close its code block")
                .isEqualTo(6);
    }

    @Test
    void aLongOpeningLeavesTheReasonLessRoomButItsCodeBlockStillCloses() {
        OptimizationJob job = OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));
        FailureClassification failure = new FailureClassification(
                io.github.optimizationjobtracker.classification.FailureCategory.GPU_MEMORY, "h".repeat(7_000),
                "https://docs.aws.amazon.com/sagemaker/", null);

        String description = parse(chat.compose(job, AlertType.JOB_STATUS, failure, Optional.empty(), "e-5"))
                .at("/content/description").asText();

        assertThat(description).hasSizeLessThanOrEqualTo(ChatComposer.MAX_DESCRIPTION).endsWith("…\n```")
                .contains("*Failure reason*:\n```\nAlgorithmError: EAGLE");
    }

    @Test
    void aStormsMessageListsTheJobsByCategory() {
        FailureStorms.Window window = new FailureStorms.Window(Instant.parse("2026-11-30T14:00:00Z"), List.of(
                new FailureStorms.Member("b-job", Instant.parse("2026-11-30T13:00:00Z"), "GPU_MEMORY"),
                new FailureStorms.Member("a-job", Instant.parse("2026-11-30T13:00:00Z"), "GPU_MEMORY"),
                new FailureStorms.Member("c-job", Instant.parse("2026-11-30T13:00:00Z"), "PERMISSIONS")));

        JsonNode message = parse(chat.composeStorm(window, Duration.ofMinutes(10), "e-3"));

        assertConforms(message);
        assertThat(message.at("/content/title").asText())
                .isEqualTo(":rotating_light: FAILURE STORM: 3 SageMaker optimization jobs failed within 10 minutes");
        assertThat(message.at("/content/description").asText()).contains("*GPU_MEMORY* (2): a-job, b-job\n")
                .contains("*PERMISSIONS* (1): c-job\n");
        assertThat(message.at("/metadata/threadId").asText()).isEqualTo("failure-storm-2026-11-30T14:00:00Z");
        assertThat(message.at("/content/nextSteps/0").asText())
                .isEqualTo("List them: tracker list --status FAILED --since 15m");
    }

    @Test
    void aCutNeverSplitsASurrogatePairAndIsMarked() {
        assertThat(ChatComposer.cut("abc", 3)).isEqualTo("abc");
        assertThat(ChatComposer.cut("abcd", 3)).isEqualTo("ab…");
        assertThat(ChatComposer.cut("a\uD83D\uDE00bc", 3)).isEqualTo("a…");
        assertThat(ChatComposer.cut("ab", 1)).isEqualTo("…");
    }
}
