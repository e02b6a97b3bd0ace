package io.github.optimizationjobtracker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.classification.FailureClassification;
import io.github.optimizationjobtracker.classification.FailureRules;
import io.github.optimizationjobtracker.job.JobStatus;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
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

    /** Escaping once and repeating writes the bytes escaping each field would: quotes, controls, any character. */
    @Test
    void theEnvelopeIsWhatWritingEveryFieldWouldWrite() {
        Random random = new Random(1201);
        String alphabet = "aZ09 \"\\/\n\r\t\u0000\u001f\u007f\u2028\u2029é€😀<>&'";
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            StringBuilder json = new StringBuilder();
            for (int c = random.nextInt(200); c > 0; c--) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                json.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String expected = Json.object(envelope -> {
                envelope.writeStringField("default", text.toString());
                envelope.writeStringField("email", text.toString());
                for (String protocol : new String[] {"sqs", "lambda", "http", "https", "email-json", "firehose"}) {
                    envelope.writeStringField(protocol, json.toString());
                }
            });
            assertThat(AlertComposer.envelope(text.toString(), json.toString())).isEqualTo(expected);
        }
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
        ObjectNode document = job.document().deepCopy();
        document.put("OptimizationJobStatus", status);
        OptimizationJob odd = job.toBuilder().name(name).status(JobStatus.of(status)).document(document).build();

        String subject = AlertComposer.subject(odd);

        assertThat(subject.length()).isBetween(1, AlertComposer.MAX_SUBJECT);
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static JsonNode facts(AlertMessage alert, String protocol) {
        JsonNode structure = Json.parse(alert.structuredMessage().getBytes(StandardCharsets.UTF_8));
        return Json.parse(structure.get(protocol).asText().getBytes(StandardCharsets.UTF_8));
    }

    private static String text(AlertMessage alert) {
        return Json.parse(alert.structuredMessage().getBytes(StandardCharsets.UTF_8)).get("email").asText();
    }

    @Test
    void theJsonCarriesEveryFactOfTheJob() {
        AlertMessage alert = composer.compose(failedJob("CUDA out of memory"), Optional.of("arn:aws:sts::1:assumed-role/r/bob"),
                "event-7");
        JsonNode facts = facts(alert, "sqs");

        assertThat(facts.get("type").asText()).isEqualTo("OptimizationJobAlert");
        assertThat(facts.get("alertType").asText()).isEqualTo("JOB_STATUS");
        assertThat(facts.has("errorCode")).isFalse();
        assertThat(facts.get("jobName").asText()).isEqualTo("llama3-8b-spec-decoding");
        assertThat(facts.get("jobArn").asText())
                .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/llama3-8b-spec-decoding");
        assertThat(facts.get("status").asText()).isEqualTo("FAILED");
        assertThat(facts.get("failureReason").asText()).isEqualTo("CUDA out of memory");
        assertThat(facts.get("failureReasonTruncated").asBoolean()).isFalse();
        assertThat(facts.get("modelSource").asText()).isEqualTo("SageMaker model llama3-8b-instruct-ft-v3");
        assertThat(facts.get("instanceType").asText()).isEqualTo("ml.g5.48xlarge");
        assertThat(facts.get("optimizationTypes")).hasSize(1);
        assertThat(facts.get("optimizationTypes").get(0).asText()).isEqualTo("SpeculativeDecoding");
        assertThat(facts.get("outputLocation").asText()).isEqualTo("s3://acme-ml-optimized-123456789012/llama3-8b-spec-decoding/");
        assertThat(facts.get("creationTime").asText()).isEqualTo("2026-11-27T09:12:05.339Z");
        assertThat(facts.get("startTime").asText()).isEqualTo("2026-11-27T09:17:48.860Z");
        assertThat(facts.get("endTime").asText()).isEqualTo("2026-11-27T10:41:19.027Z");
        assertThat(facts.get("lastModifiedTime").asText()).isEqualTo("2026-11-27T10:41:19.655Z");
        assertThat(facts.get("runtimeSeconds").asLong()).isEqualTo(5010);
        assertThat(facts.get("createdBy").asText()).isEqualTo("arn:aws:sts::1:assumed-role/r/bob");
        assertThat(facts.get("region").asText()).isEqualTo("us-east-1");
        assertThat(facts.get("consoleUrl").asText()).isEqualTo("https://us-east-1.console.aws.amazon.com/sagemaker/home"
                + "?region=us-east-1#/optimization-jobs/llama3-8b-spec-decoding");
        assertThat(facts.get("eventId").asText()).isEqualTo("event-7");
        assertThat(facts.size()).as("no fact unaccounted for").isEqualTo(20);
        for (String protocol : new String[] {"lambda", "http", "https", "email-json", "firehose"}) {
            assertThat(facts(alert, protocol)).as(protocol).isEqualTo(facts);
        }
    }

    @Test
    void theTextLeadsWithTheReasonAndListsTheFactsAPersonNeeds() {
        String text = text(composer.compose(failedJob("CUDA out of memory"), Optional.empty(), "e-1"));

        assertThat(text).as("unclassified: no advice").startsWith("SageMaker optimization job llama3-8b-spec-decoding is"
                + " FAILED in us-east-1.\n\nFailure reason:\nCUDA out of memory\n\n");
        assertThat(text).contains("\nRuntime: 1h 23m 30s\n", "\nStarted: 2026-11-27T09:17:48.860Z\n",
                "\nEnded: 2026-11-27T10:41:19.027Z\n", "\nCreated: 2026-11-27T09:12:05.339Z\n",
                "\nOptimizations: SpeculativeDecoding\n", "\nModel source: SageMaker model llama3-8b-instruct-ft-v3\n",
                "\nStarted by: unknown (no CloudTrail CreateOptimizationJob event seen)\n",
                "\nARN: arn:aws:sagemaker:us-east-1:123456789012:optimization-job/llama3-8b-spec-decoding\n");
    }

    @Test
    void aJobWithoutAFailureReasonSaysSo() {
        var raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.remove("FailureReason");
        raw.remove("OptimizationStartTime");
        AlertMessage alert = composer.compose(OptimizationJob.fromDescribeResponse(raw), Optional.empty(), "e-1");

        JsonNode facts = facts(alert, "sqs");
        assertThat(facts.get("failureReason").asText()).isEqualTo("(SageMaker gave no failure reason)");
        assertThat(facts.get("failureReasonTruncated").asBoolean()).isFalse();
        assertThat(facts.has("runtimeSeconds")).as("no start, no runtime").isFalse();
        assertThat(text(alert)).doesNotContain("Runtime:");
    }

    @Test
    void theSubjectIsCutOnlyPastOneHundredCharacters() {
        OptimizationJob job = failedJob("r");
        String prefix = "FAILED: SageMaker optimization job ";
        OptimizationJob fits = rename(job, "n".repeat(100 - prefix.length()));
        OptimizationJob over = rename(job, "n".repeat(101 - prefix.length()));

        assertThat(AlertComposer.subject(fits)).hasSize(100).endsWith("n");
        assertThat(AlertComposer.subject(over)).hasSize(100).endsWith("...")
                .isEqualTo(prefix + "n".repeat(97 - prefix.length()) + "...");
    }

    private static OptimizationJob rename(OptimizationJob job, String name) {
        return job.toBuilder().name(name).build();
    }

    @Test
    void aReasonTooLongInThreeByteCharactersIsHalvedUntilEveryCopyFitsSnsTogether() {
        // 16,000 characters pass the per-copy cap, but at 3 bytes each, copied into 8 protocol bodies, they do not.
        String reason = "模".repeat(AlertComposer.MAX_REASON_CHARS - 384);
        AlertMessage alert = composer.compose(failedJob(reason), Optional.empty(), "e-1");

        assertThat(alert.structuredMessage().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(AlertComposer.MAX_MESSAGE_BYTES);
        JsonNode facts = facts(alert, "sqs");
        assertThat(facts.get("failureReasonTruncated").asBoolean()).isTrue();
        int kept = AlertComposer.MAX_REASON_CHARS / 2;
        assertThat(facts.get("failureReason").asText()).isEqualTo("模".repeat(kept) + "\n[... truncated "
                + (reason.length() - kept) + " characters]");
        assertThat(text(alert)).contains("模".repeat(kept) + "\n[... truncated ");
    }

    @Test
    void aRejectedCreatesAlertSaysTheCallWasRejectedAndCarriesItsErrorCode() {
        OptimizationJob job = failedJob("CreateOptimizationJob was rejected, so the job never started: AccessDenied: no");
        AlertMessage alert = composer.composeRejectedCreate(job, "AccessDenied",
                FailureRules.load().classify("AccessDenied: no", "ml.g5.2xlarge"), Optional.of("arn:aws:iam::1:user/x"), "e-2");

        assertThat(alert.subject()).isEqualTo("CREATE REJECTED: SageMaker optimization job llama3-8b-spec-decoding");
        assertThat(alert.attributes()).containsEntry("alertType", "CREATE_REJECTED").containsEntry("status", "FAILED");
        assertThat(facts(alert, "sqs").get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(text(alert)).startsWith("What to do (permissions (IAM role, S3, KMS, PassRole)): Something was denied")
                .contains("\n\nCreateOptimizationJob for llama3-8b-spec-decoding was rejected in us-east-1:"
                        + " the job never started.\n\nError:\n").contains("\nCalled by: arn:aws:iam::1:user/x\n");
        assertThat(facts(alert, "sqs").get("category").asText()).isEqualTo("PERMISSIONS");
        assertThat(alert.attributes()).containsEntry("failureCategory", "PERMISSIONS")
                .containsEntry("instanceType", "ml.g5.48xlarge");
    }

    @Test
    void aClassifiedFailureSaysWhatToDoFirstAndCarriesItsCategoryForMachinesAndFilters() {
        OptimizationJob job = failedJob("ClientError: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2 GiB");
        FailureClassification failure = FailureRules.load().classify(job.failureReason(), job.instanceType());
        AlertMessage alert = composer.compose(job, failure, Optional.empty(), "e-1");

        assertThat(text(alert)).startsWith("What to do (out of GPU or accelerator memory): The model did not fit the"
                + " accelerator memory of ml.g5.48xlarge: use ml.p4d.24xlarge (8 x A100), or raise"
                + " OPTION_TENSOR_PARALLEL_DEGREE").contains("\nRead more: https://docs.aws.amazon.com/sagemaker/")
                .contains("\n\nSageMaker optimization job llama3-8b-spec-decoding is FAILED in us-east-1.\n\n");
        JsonNode facts = facts(alert, "sqs");
        assertThat(facts.get("category").asText()).isEqualTo("GPU_MEMORY");
        assertThat(facts.get("hint").asText()).isEqualTo(failure.hint());
        assertThat(facts.get("docsUrl").asText()).isEqualTo(failure.docsUrl());
        assertThat(facts.size()).as("the twenty facts and the three of the classification").isEqualTo(23);
        assertThat(alert.attributes()).containsEntry("failureCategory", "GPU_MEMORY");
    }

    @Test
    void regionAndConsoleLinkAreTheJobsNotTheFunctions() {
        OptimizationJob job = failedJob("r");
        OptimizationJob west = rearn(job, "arn:aws:sagemaker:eu-west-1:123456789012:optimization-job/" + job.name());
        OptimizationJob china = rearn(job, "arn:aws-cn:sagemaker:cn-north-1:123456789012:optimization-job/j");
        OptimizationJob gov = rearn(job, "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:optimization-job/j");
        OptimizationJob byName = rearn(job, null);

        JsonNode facts = facts(composer.compose(west, Optional.empty(), "e"), "sqs");
        assertThat(facts.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(facts.get("consoleUrl").asText()).isEqualTo("https://eu-west-1.console.aws.amazon.com/sagemaker/home"
                + "?region=eu-west-1#/optimization-jobs/llama3-8b-spec-decoding");
        assertThat(text(composer.compose(west, Optional.empty(), "e"))).contains(" is FAILED in eu-west-1.");
        assertThat(composer.consoleLink(china)).startsWith("https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#");
        assertThat(composer.consoleLink(gov)).startsWith("https://console.amazonaws-us-gov.com/sagemaker/home?region=us-gov-west-1#");
        assertThat(composer.regionOf(byName)).as("a job known only by name").isEqualTo("us-east-1");
    }

    private static OptimizationJob rearn(OptimizationJob job, String arn) {
        return job.toBuilder().arn(arn).build();
    }

    @Test
    void theTextHasOneLineEndingAndNoControlCharactersWhileTheJsonKeepsTheReasonExactly() {
        String reason = "step 1\r\nstep 2\rstep 3\u001b[31mred\u001b[0m\u0000end\ttabbed";
        AlertMessage alert = composer.compose(failedJob(reason), Optional.empty(), "e-1");

        assertThat(text(alert)).contains("step 1\nstep 2\nstep 3[31mred[0mend\ttabbed")
                .doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0000");
        assertThat(facts(alert, "sqs").get("failureReason").asText()).isEqualTo(reason);
        assertThat(AlertComposer.readable("a\r")).isEqualTo("a\n");
    }

    @Test
    void theSubjectKeepsEveryPrintableAsciiCharacterAndReplacesTheRest() {
        OptimizationJob job = rename(failedJob("r"), " a~\u007fb\u001fc\u00e9 ");

        assertThat(AlertComposer.subject(job)).isEqualTo("FAILED: SageMaker optimization job  a~?b?c? ".strip());
    }

    @Test
    void aJobThatStartedButHasNotEndedHasNoRuntime() {
        var raw = SampleEvents.describeFixture("llama3-8b-spec-decoding");
        raw.remove("OptimizationEndTime");
        AlertMessage alert = composer.compose(OptimizationJob.fromDescribeResponse(raw), Optional.empty(), "e-1");

        assertThat(facts(alert, "sqs").has("runtimeSeconds")).isFalse();
        assertThat(text(alert)).doesNotContain("Runtime:").contains("\nStarted: ");
    }

    @Test
    void aReasonOfExactlyTheCapIsKeptWholeAndACutNeverSplitsASurrogatePair() {
        String atCap = "r".repeat(AlertComposer.MAX_REASON_CHARS);
        assertThat(facts(composer.compose(failedJob(atCap), Optional.empty(), "e"), "sqs").get("failureReason").asText())
                .isEqualTo(atCap);

        // an emoji (two chars) across the cap: the cut falls before it, not between its halves
        String straddling = "r".repeat(AlertComposer.MAX_REASON_CHARS - 1) + "\uD83D\uDE00" + "tail";
        String kept = facts(composer.compose(failedJob(straddling), Optional.empty(), "e"), "sqs")
                .get("failureReason").asText();
        assertThat(kept).isEqualTo("r".repeat(AlertComposer.MAX_REASON_CHARS - 1) + "\n[... truncated 6 characters]");
    }

    @Test
    void aStormSummaryStatesTheWindowAndEveryFailureByCategoryToPeopleAndMachines() {
        var window = new io.github.optimizationjobtracker.store.FailureStorms.Window(
                java.time.Instant.parse("2026-11-30T14:00:00Z"), java.util.List.of(
                new io.github.optimizationjobtracker.store.FailureStorms.Member("b-job",
                        java.time.Instant.parse("2026-11-30T13:00:00Z"), "GPU_MEMORY"),
                new io.github.optimizationjobtracker.store.FailureStorms.Member("c-job",
                        java.time.Instant.parse("2026-11-30T13:05:00Z"), "PERMISSIONS"),
                new io.github.optimizationjobtracker.store.FailureStorms.Member("a-job",
                        java.time.Instant.parse("2026-11-30T13:10:00Z"), "GPU_MEMORY")));

        AlertMessage alert = composer.composeStorm(window, java.time.Duration.ofMinutes(10), "e-9");
        JsonNode structure = Json.parse(alert.structuredMessage().getBytes(StandardCharsets.UTF_8));

        assertThat(alert.subject()).isEqualTo("FAILURE STORM: 3 SageMaker optimization jobs failed within 10 minutes");
        assertThat(alert.attributes()).containsExactly(java.util.Map.entry("status", "FAILED"),
                java.util.Map.entry("alertType", "FAILURE_STORM"));
        assertThat(structure.get("email").asText()).isEqualTo(structure.get("default").asText())
                .startsWith("3 SageMaker optimization jobs failed within 10 minutes of 2026-11-30T14:00:00.000Z"
                        + " (us-east-1).\n")
                .contains("\n  GPU_MEMORY (2): a-job, b-job\n  PERMISSIONS (1): c-job\n")
                .endsWith("More may follow: tracker list --status FAILED --since 15m\n");
        for (String protocol : new String[] {"sqs", "lambda", "http", "https", "email-json"}) {
            JsonNode facts = Json.parse(structure.get(protocol).asText().getBytes(StandardCharsets.UTF_8));
            assertThat(facts.get("alertType").asText()).isEqualTo("FAILURE_STORM");
            assertThat(facts.get("type").asText()).isEqualTo("OptimizationJobAlert");
            assertThat(facts.get("windowStart").asText()).isEqualTo("2026-11-30T14:00:00.000Z");
            assertThat(facts.get("windowMinutes").asInt()).isEqualTo(10);
            assertThat(facts.get("failures").asInt()).isEqualTo(3);
            assertThat(facts.get("byCategory").toString()).isEqualTo("{\"GPU_MEMORY\":2,\"PERMISSIONS\":1}");
            assertThat(facts.get("jobs")).hasSize(3);
            assertThat(facts.at("/jobs/1/jobName").asText()).isEqualTo("c-job");
            assertThat(facts.at("/jobs/1/creationTime").asText()).isEqualTo("2026-11-30T13:05:00.000Z");
            assertThat(facts.at("/jobs/1/category").asText()).isEqualTo("PERMISSIONS");
            assertThat(facts.get("region").asText()).isEqualTo("us-east-1");
            assertThat(facts.get("eventId").asText()).isEqualTo("e-9");
        }
    }
}
