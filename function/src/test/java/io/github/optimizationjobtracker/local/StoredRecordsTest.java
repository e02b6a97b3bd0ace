package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What a person querying the table reads back: every attribute of the current record and of a history entry. */
class StoredRecordsTest {

    @Test
    void theCurrentRecordAndItsHistoryEntryCarryEveryFactOfTheJob() {
        try (Tracker tracker = new Tracker()) {
            Instant before = Instant.now();
            assertThat(tracker.putOne(new String(TestEvents.sample("state-change-failed"), StandardCharsets.UTF_8))
                    .succeeded()).isTrue();

            Map<String, AttributeValue> current = tracker.queries.currentRecord("llama3-8b-spec-decoding").orElseThrow();
            assertThat(current.get(TableLayout.CURRENT_STATUS).s()).isEqualTo("FAILED");
            assertThat(current.get(JobStore.STATUS).s()).isEqualTo("FAILED");
            assertThat(current.get(JobStore.JOB_ARN).s())
                    .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/llama3-8b-spec-decoding");
            assertThat(current.get(TableLayout.CREATION_TIME).s()).isEqualTo("2026-11-27T09:12:05.339Z");
            assertThat(current.get(TableLayout.CREATION_YEAR).s()).isEqualTo("2026");
            assertThat(current.get(TableLayout.LAST_MODIFIED_TIME).s()).isEqualTo("2026-11-27T10:41:19.655Z");
            assertThat(current.get(JobStore.RECORD_VERSION).s())
                    .isEqualTo("2026-11-27T09:12:05.339Z|2026-11-27T10:41:19.655Z|4");
            assertThat(current.get(JobStore.START_TIME).s()).isEqualTo("2026-11-27T09:17:48.860Z");
            assertThat(current.get(JobStore.END_TIME).s()).isEqualTo("2026-11-27T10:41:19.027Z");
            assertThat(current.get(JobStore.INSTANCE_TYPE).s()).isEqualTo("ml.g5.48xlarge");
            assertThat(current.get(JobStore.MODEL_SOURCE).s()).isEqualTo("SageMaker model llama3-8b-instruct-ft-v3");
            assertThat(current.get(JobStore.OUTPUT_LOCATION).s())
                    .isEqualTo("s3://acme-ml-optimized-123456789012/llama3-8b-spec-decoding/");
            assertThat(current.get(JobStore.OPTIMIZATION_TYPES).l()).extracting(AttributeValue::s)
                    .containsExactly("SpeculativeDecoding");
            assertThat(current.get(JobStore.FAILURE_REASON).s()).startsWith("AlgorithmError: EAGLE draft-model training");
            assertThat(current.get(JobStore.FAILURE_CATEGORY).s()).as("a CUDA out-of-memory under a traceback")
                    .isEqualTo("GPU_MEMORY");
            assertThat(current.get(JobStore.EVENT_ID).s()).isEqualTo("35b26c19-3942-43e3-818b-7ad6a21f4842");
            assertThat(current.get(JobStore.EVENT_ORIGIN).s())
                    .isEqualTo("optimization-job-tracker state change (tracker bus)");
            assertThat(Instant.parse(current.get(JobStore.RECORDED_AT).s())).isBetween(before, Instant.now());
            assertThat(current.get(JobStore.JOB_DOCUMENT).m().get("OptimizationEnvironment").m().get("HF_TOKEN").s())
                    .isEqualTo("***REDACTED***");
            assertThat(current).doesNotContainKeys(JobStore.CREATED_BY, TableLayout.EXPIRES_AT);

            Map<String, AttributeValue> entry = tracker.history("llama3-8b-spec-decoding").get(0);
            assertThat(entry.get(TableLayout.SORT_KEY).s()).isEqualTo("HISTORY#2026-11-27T09:12:05.339Z#FAILED");
            assertThat(entry.get(JobStore.STATUS).s()).isEqualTo("FAILED");
            assertThat(entry.get(TableLayout.HISTORY_TIME).s()).isEqualTo("2026-11-27T10:41:19.655Z");
            assertThat(entry.get(TableLayout.CREATION_TIME).s()).isEqualTo("2026-11-27T09:12:05.339Z");
            for (String fact : List.of(JobStore.JOB_ARN, JobStore.INSTANCE_TYPE, JobStore.MODEL_SOURCE,
                    JobStore.OUTPUT_LOCATION, JobStore.START_TIME, JobStore.END_TIME, JobStore.OPTIMIZATION_TYPES,
                    JobStore.FAILURE_REASON, JobStore.FAILURE_CATEGORY, JobStore.JOB_DOCUMENT, JobStore.EVENT_ID,
                    JobStore.EVENT_ORIGIN)) {
                assertThat(entry.get(fact)).as(fact).isEqualTo(current.get(fact));
            }
            assertThat(entry).as("history entries stay out of the indexes over current records")
                    .doesNotContainKeys(TableLayout.CURRENT_STATUS, TableLayout.CREATION_YEAR, TableLayout.EXPIRES_AT);
        }
    }

    @Test
    void withARetentionHistoryEntriesAndRejectedCreatesExpireAndCurrentRecordsDoNot() {
        try (Tracker tracker = new Tracker(Map.of(EnvironmentVariables.HISTORY_RETENTION_DAYS, "30"))) {
            Instant before = Instant.now();
            tracker.putOne(new String(TestEvents.sample("state-change-failed"), StandardCharsets.UTF_8));
            tracker.putOne(new String(TestEvents.sample("cloudtrail-create-failed"), StandardCharsets.UTF_8));

            long in30Days = before.plus(Duration.ofDays(30)).getEpochSecond();
            Map<String, AttributeValue> entry = tracker.history("llama3-8b-spec-decoding").get(0);
            assertThat(Long.parseLong(entry.get(TableLayout.EXPIRES_AT).n())).isBetween(in30Days, in30Days + 60);
            assertThat(tracker.queries.rejectedCreates("bad-role-quantization")).singleElement().satisfies(item ->
                    assertThat(Long.parseLong(item.get(TableLayout.EXPIRES_AT).n())).isBetween(in30Days, in30Days + 60));
            assertThat(tracker.queries.currentRecord("llama3-8b-spec-decoding").orElseThrow())
                    .doesNotContainKey(TableLayout.EXPIRES_AT);
        }
    }

    @Test
    void aCreateCallDeliveredAfterANewerStateChangeStillNamesWhoStartedTheJob() {
        try (Tracker tracker = new Tracker()) {
            // CloudTrail delivers the create minutes late: the job has failed and been recorded by then.
            String job = "late-create";
            Instant created = Instant.parse("2026-11-28T11:30:12.663Z");
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "FAILED", created, created.plus(Duration.ofMinutes(3)), "boom"));
            tracker.putOne(TestEvents.stateChange(job, "FAILED", created.plus(Duration.ofMinutes(3))));
            String create = new String(TestEvents.sample("cloudtrail-create"), StandardCharsets.UTF_8)
                    .replace("mistral-7b-compile-inf2", job)
                    // the envelope's time is when EventBridge got the record; CloudTrail's eventTime is the call's
                    .replace("\"time\": \"2026-11-28T11:30:12Z\"", "\"time\": \"2026-11-28T11:41:00Z\"");

            assertThat(tracker.putOne(create).succeeded()).isTrue();

            Map<String, AttributeValue> current = tracker.queries.currentRecord(job).orElseThrow();
            assertThat(current.get(JobStore.CREATED_BY).s()).endsWith("alice@example.com");
            assertThat(current.get(JobStore.CREATED_BY_JOB_CREATED).s()).isEqualTo("2026-11-28T11:30:12.663Z");
            assertThat(current.get(TableLayout.CURRENT_STATUS).s()).as("the late create rolls nothing back")
                    .isEqualTo("FAILED");
        }
    }

    @Test
    void aSecondCreateClaimForTheSameJobDoesNotRenameWhoCreatedIt() {
        try (Tracker tracker = new Tracker()) {
            // SageMaker refuses a second create of a name in use, so a second successful create of the same job is
            // a forgery (only a direct invocation could deliver one): the first creator on record stays.
            String job = "created-once";
            Instant created = Instant.parse("2026-11-28T11:30:12.663Z");
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "INPROGRESS", created, created.plus(Duration.ofMinutes(1)), null));
            String create = new String(TestEvents.sample("cloudtrail-create"), StandardCharsets.UTF_8)
                    .replace("mistral-7b-compile-inf2", job);
            assertThat(tracker.putOne(create).succeeded()).isTrue();
            String forged = create.replace("alice@example.com", "mallory@example.com")
                    .replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"forged-create\"");
            assertThat(forged).contains("mallory@example.com").contains("forged-create");

            assertThat(tracker.putOne(forged).succeeded()).isTrue();

            assertThat(tracker.queries.currentRecord(job).orElseThrow().get(JobStore.CREATED_BY).s())
                    .endsWith("alice@example.com");
        }
    }

    @Test
    void aCreateCallOfAnEarlierJobOfTheSameNameNamesNobody() {
        try (Tracker tracker = new Tracker()) {
            // The create (11:30) made a job that was deleted; the one SageMaker describes now was created at 13:00.
            String job = "recreated";
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "INPROGRESS", Instant.parse("2026-11-28T13:00:00Z"), Instant.parse("2026-11-28T13:05:00Z"), null));
            String create = new String(TestEvents.sample("cloudtrail-create"), StandardCharsets.UTF_8)
                    .replace("mistral-7b-compile-inf2", job);

            assertThat(tracker.putOne(create).succeeded()).isTrue();

            assertThat(tracker.queries.currentRecord(job).orElseThrow()).doesNotContainKey(JobStore.CREATED_BY);
        }
    }

    @Test
    void aFailureAfterTheCreateNamesItsCreatorEvenWhenItsAlertGoesOutOnARetry() {
        try (Tracker tracker = new Tracker()) {
            String job = "created-then-failed";
            Instant created = Instant.parse("2026-11-28T11:30:12.663Z");
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "INPROGRESS", created, created.plus(Duration.ofMinutes(1)), null));
            assertThat(tracker.putOne(new String(TestEvents.sample("cloudtrail-create"), StandardCharsets.UTF_8)
                    .replace("mistral-7b-compile-inf2", job)).succeeded()).isTrue();
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "FAILED", created, created.plus(Duration.ofMinutes(9)), "boom"));
            // The first attempt records the failure but cannot publish; the retry finds the record already newer.
            tracker.faults.failNext("Sns", "Publish", 1);

            assertThat(tracker.putOne(TestEvents.stateChange(job, "FAILED", created.plus(Duration.ofMinutes(9))))
                    .succeeded()).isTrue();

            assertThat(tracker.alerts()).singleElement().satisfies(alert ->
                    assertThat(alert.json().get("createdBy").asText()).endsWith("alice@example.com"));
        }
    }

    @Test
    void aCreateDeliveredAgainAfterItsAlertFailedStillNamesTheCreatorOnRecord() {
        try (Tracker tracker = new Tracker()) {
            // CloudTrail's create arrives when the job has already failed; publishing fails once, so Lambda retries
            // the same create: the creator is on record by then, and the retried alert still names it.
            String job = "failed-before-create-seen";
            Instant created = Instant.parse("2026-11-28T11:30:12.663Z");
            tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                    "FAILED", created, created.plus(Duration.ofMinutes(3)), "boom"));
            tracker.faults.failNext("Sns", "Publish", 1);

            assertThat(tracker.putOne(new String(TestEvents.sample("cloudtrail-create"), StandardCharsets.UTF_8)
                    .replace("mistral-7b-compile-inf2", job)).succeeded()).isTrue();

            assertThat(tracker.alerts()).singleElement().satisfies(alert ->
                    assertThat(alert.json().get("createdBy").asText()).endsWith("alice@example.com"));
        }
    }
}
