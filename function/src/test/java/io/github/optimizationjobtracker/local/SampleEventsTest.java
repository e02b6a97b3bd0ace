package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.TableLayout;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sample event in events/ through the real handler, against dynalite, fauxqs and WireMock. */
class SampleEventsTest {
    private final Tracker tracker = new Tracker();

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "state-change-starting,   mistral-7b-compile-inf2, STARTING,   0",
            "state-change-inprogress, llama3-70b-sharded-p4d,  INPROGRESS, 0",
            "state-change-completed,  llama3-8b-awq-int4,      COMPLETED,  0",
            "state-change-failed,     llama3-8b-spec-decoding, FAILED,     1",
            "state-change-stopping,   qwen2-7b-fp8,            STOPPING,   0",
            "state-change-stopped,    falcon-40b-int8,         STOPPED,    0",
            "cloudtrail-create,       mistral-7b-compile-inf2, STARTING,   0",
            "cloudtrail-stop,         qwen2-7b-fp8,            STOPPING,   0",
            "cloudtrail-delete,       old-llama2-awq,          DELETED,    0",
    })
    void processesEverySampleEvent(String event, String job, String status, int alerts) {
        Delivery delivery = tracker.putOne(new String(TestEvents.sample(event), java.nio.charset.StandardCharsets.UTF_8));

        assertThat(delivery.succeeded()).as(delivery.lastError()).isTrue();
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(tracker.currentStatus(job)).isEqualTo(status);
        assertThat(tracker.history(job)).extracting(i -> i.get(JobStore.STATUS).s()).containsExactly(status);
        assertThat(tracker.alerts()).hasSize(alerts);
        assertThat(tracker.deadLetters()).isEmpty();
    }

    @Test
    void storedRecordsNeverContainTheSecretsOfTheFixtures() {
        for (String event : List.of("state-change-failed", "state-change-inprogress", "state-change-completed",
                "cloudtrail-create", "state-change-starting")) {
            assertThat(tracker.deliver(TestEvents.sample(event)).succeeded()).isTrue();
        }
        String everything = tracker.allItems().toString();

        assertThat(everything).contains("***REDACTED***")
                .doesNotContain("hf_AbCdEf0123456789secretvalue")
                .doesNotContain("wJalrXUtnFEMI");
        assertThat(tracker.alerts().toString()).doesNotContain("hf_AbCdEf0123456789secretvalue");
    }

    @Test
    void theFailedAlertCarriesWhoStartedTheJobOnceCloudTrailToldUs() {
        // Created by the call (CloudTrail's eventTime 11:30:12), failed by the time the create event arrives.
        tracker.standIns.sageMaker().serveDescribe("cloudtrail-known-job",
                TestEvents.describeBody("llama3-8b-spec-decoding", "cloudtrail-known-job", "FAILED",
                        java.time.Instant.parse("2026-11-28T11:30:12.663Z"), java.time.Instant.parse("2026-11-28T11:50:00Z"),
                        "boom"));
        String create = new String(TestEvents.sample("cloudtrail-create"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("mistral-7b-compile-inf2", "cloudtrail-known-job");

        assertThat(tracker.putOne(create).succeeded()).isTrue();

        ReceivedAlert alert = tracker.alerts().get(0);
        assertThat(alert.json().get("createdBy").asText())
                .isEqualTo("arn:aws:sts::123456789012:assumed-role/MLPlatformEngineer/alice@example.com");
        assertThat(tracker.queries.currentRecord("cloudtrail-known-job").orElseThrow().get(JobStore.CREATED_BY).s())
                .contains("alice@example.com");
    }

    @Test
    void aRejectedCreateIsRecordedApartFromJobsAndAlertedWithTheApiError() {
        Delivery delivery = tracker.putOne(new String(TestEvents.sample("cloudtrail-create-failed"),
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(delivery.succeeded()).as(delivery.lastError()).isTrue();
        ReceivedAlert alert = tracker.alerts().get(0);
        assertThat(alert.subject()).isEqualTo("CREATE REJECTED: SageMaker optimization job bad-role-quantization");
        assertThat(alert.json().get("failureReason").asText())
                .startsWith("CreateOptimizationJob was rejected, so the job never started: ValidationException: Could not assume role");
        assertThat(alert.json().get("alertType").asText()).isEqualTo("CREATE_REJECTED");
        assertThat(alert.json().get("errorCode").asText()).isEqualTo("ValidationException");
        assertThat(alert.json().get("category").asText()).isEqualTo("PERMISSIONS");
        assertThat(alert.attributes()).containsEntry("failureCategory", "PERMISSIONS");
        assertThat(alert.json().get("instanceType").asText()).isEqualTo("ml.g5.12xlarge");
        assertThat(alert.json().get("jobArn").asText())
                .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/bad-role-quantization");
        assertThat(alert.attributes()).containsEntry("status", "FAILED").containsEntry("jobName", "bad-role-quantization")
                .containsEntry("alertType", "CREATE_REJECTED").containsEntry("instanceType", "ml.g5.12xlarge");
        assertThat(tracker.queries.currentRecord("bad-role-quantization")).as("a rejected create is no job").isEmpty();
        assertThat(tracker.allItems()).filteredOn(i -> i.get(TableLayout.SORT_KEY).s()
                        .startsWith(TableLayout.REJECTED_CREATE_PREFIX))
                .singleElement().satisfies(item -> {
                    assertThat(item.get("ErrorCode").s()).isEqualTo("ValidationException");
                    assertThat(item.get(TableLayout.CURRENT_STATUS).s()).isEqualTo(TableLayout.REJECTED_CREATE_STATUS);
                    assertThat(item.get("RoleArn").s()).isEqualTo("arn:aws:iam::123456789012:role/MissingRole");
                    assertThat(item.get(JobStore.JOB_ARN).s())
                            .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:optimization-job/bad-role-quantization");
                    assertThat(item.get(JobStore.INSTANCE_TYPE).s()).isEqualTo("ml.g5.12xlarge");
                    assertThat(item).as("the rule does not pass the model source").doesNotContainKey(JobStore.MODEL_SOURCE);
                    assertThat(item.get(JobStore.OUTPUT_LOCATION).s())
                            .isEqualTo("s3://acme-ml-optimized-123456789012/bad-role-quantization/");
                    assertThat(item.get("ErrorMessage").s()).startsWith("Could not assume role");
                    assertThat(item.get("CalledBy").s()).contains("alice@example.com");
                    assertThat(item.get("AlertDecision").s()).startsWith("alerted");
                    assertThat(item.get(JobStore.FAILURE_CATEGORY).s()).as("could not assume role").isEqualTo("PERMISSIONS");
                });
    }

    @Test
    void aRejectedCreateInvokedDirectlyIsAlertedAsTheRulesDeliveryIs() {
        // Only AWS puts aws.sagemaker records on a bus; a direct invocation is the rule's equal (threat model).
        Delivery delivery = tracker.deliver(TestEvents.sample("cloudtrail-create-failed"));

        assertThat(delivery.succeeded()).as(delivery.lastError()).isTrue();
        assertThat(tracker.alerts()).singleElement().satisfies(alert -> assertThat(alert.subject())
                .isEqualTo("CREATE REJECTED: SageMaker optimization job bad-role-quantization"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid/malformed         | input is not a valid EventBridge event JSON",
            "invalid/missing-detail    | event has no detail",
            "invalid/wrong-source      | source 'aws.ec2' is not handled",
            "invalid/invalid-job-name  | does not match SageMaker's rule",
            "invalid/unknown-status    | 'EXPLODED' is not a known status",
            "invalid/cloudtrail-other-call | 'ListOptimizationJobs' is not handled",
    })
    void invalidEventsEndInTheDeadLetterQueueWithTheReason(String event, String reason) {
        Delivery delivery = tracker.deliver(TestEvents.sample(event));

        assertThat(delivery.succeeded()).isFalse();
        List<String> deadLetters = tracker.deadLetters();
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0)).contains("RetriesExhausted").contains(reason);
        assertThat(tracker.allItems()).isEmpty();
        assertThat(tracker.alerts()).isEmpty();
    }

    @Test
    void theSageMakerDocumentIsStoredWhole() {
        tracker.deliver(TestEvents.sample("state-change-failed"));

        var job = tracker.queries.currentRecord("llama3-8b-spec-decoding").orElseThrow().get(JobStore.JOB_DOCUMENT).m();
        assertThat(job).containsKeys("TrainingPlanArns", "OptimizationConfigs", "OutputConfig", "StoppingCondition",
                "ModelSource", "RoleArn");
        assertThat(job.get("CreationTime").s()).isEqualTo("2026-11-27T09:12:05.339Z");
        assertThat(tracker.queries.currentRecord("llama3-8b-spec-decoding").orElseThrow())
                .containsKeys(TableLayout.CREATION_YEAR, TableLayout.LAST_MODIFIED_TIME, TableLayout.CURRENT_STATUS);
    }
}
