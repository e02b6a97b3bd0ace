package io.github.optimizationjobtracker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.sagemaker.OptimizationJob;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertComposerTest {
    private final AlertComposer composer = new AlertComposer("us-east-1");

    private static OptimizationJob failedJob(String reason) {
        var raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.put("FailureReason", reason);
        return OptimizationJob.fromDescribeResponse(raw);
    }

    @Test
    void subjectNamesStatusAndJob() {
        AlertMessage alert = composer.compose(failedJob("boom"), Optional.empty(), "e-1");

        assertThat(alert.subject()).isEqualTo("FAILED: SageMaker optimization job llama3-8b-spec-decoding");
    }

    @Test
    void structuredMessageGivesTextToPeopleAndJsonToMachinesWithTheSameFacts() {
        AlertMessage alert = composer.compose(failedJob("line one\nline two"), Optional.of("arn:aws:sts::1:assumed-role/r/alice"), "e-1");
        JsonNode structure = Json.parse(alert.structuredMessage().getBytes(StandardCharsets.UTF_8));

        assertThat(structure.get("default").asText()).isEqualTo(structure.get("email").asText())
                .contains("line one\nline two").contains("Started by: arn:aws:sts::1:assumed-role/r/alice")
                .contains("Instance type: ml.g5.48xlarge");
        for (String protocol : new String[] {"sqs", "lambda", "http", "https", "email-json"}) {
            JsonNode facts = Json.parse(structure.get(protocol).asText().getBytes(StandardCharsets.UTF_8));
            assertThat(facts.get("failureReason").asText()).isEqualTo("line one\nline two");
            assertThat(facts.get("createdBy").asText()).isEqualTo("arn:aws:sts::1:assumed-role/r/alice");
            assertThat(facts.get("outputLocation").asText()).startsWith("s3://");
            assertThat(facts.get("consoleUrl").asText()).contains("llama3-8b-spec-decoding");
        }
        assertThat(alert.attributes()).containsEntry("jobName", "llama3-8b-spec-decoding")
                .containsEntry("status", "FAILED").containsEntry("instanceType", "ml.g5.48xlarge");
    }

    @Test
    void aHugeFailureReasonIsTruncatedSoTheMessageFitsSns() {
        String reason = "Ünïcödé 失败 ✗ line\n".repeat(40_000); // ~1 MB in UTF-8
        AlertMessage alert = composer.compose(failedJob(reason), Optional.empty(), "e-1");

        int bytes = alert.structuredMessage().getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(AlertComposer.MAX_MESSAGE_BYTES);
        JsonNode facts = Json.parse(Json.parse(alert.structuredMessage().getBytes(StandardCharsets.UTF_8))
                .get("sqs").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(facts.get("failureReasonTruncated").asBoolean()).isTrue();
        assertThat(facts.get("failureReason").asText()).startsWith("Ünïcödé 失败").contains("[... truncated ");
    }

    @Test
    void aTenKilobyteReasonIsKeptWhole() {
        String reason = "x".repeat(100) + "\n";
        String tenKb = reason.repeat(100);
        AlertMessage alert = composer.compose(failedJob(tenKb), Optional.empty(), "e-1");

        assertThat(alert.structuredMessage()).doesNotContain("truncated ");
    }

    /** Random statuses and names of any Unicode text and length, from a fixed seed so a failure reproduces. */
    @Test
    void subjectIsAlwaysPrintableAsciiWithinOneHundredCharacters() {
        Random random = new Random(20261129);
        for (int i = 0; i < 1000; i++) {
            assertSubjectIsSafe(randomText(random), randomText(random));
        }
        assertSubjectIsSafe("CREATE_FAILED", "a".repeat(63));
        assertSubjectIsSafe("", "");
    }

    private static String randomText(Random random) {
        int length = random.nextInt(300);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x2FFFF) + 1);
        }
        return text.toString();
    }

    private static void assertSubjectIsSafe(String status, String name) {
        OptimizationJob job = failedJob("r");
        OptimizationJob odd = new OptimizationJob(name, job.arn(), status, job.creationTime(), job.lastModifiedTime(),
                null, null, null, null, job.optimizationTypes(), null, null, job.document());

        String subject = AlertComposer.subject(odd);

        assertThat(subject.length()).isBetween(1, AlertComposer.MAX_SUBJECT);
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
