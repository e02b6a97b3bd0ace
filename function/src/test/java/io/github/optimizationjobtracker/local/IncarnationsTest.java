package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SageMaker lets a job name be used again once the job is deleted, and CloudTrail events can arrive late: the
 * tracker must keep incarnations of a name apart, never roll a live job's record back, and never lose an alert.
 */
class IncarnationsTest {
    private final Tracker tracker = new Tracker();
    private final SageMakerStandIn sageMaker = tracker.standIns.sageMaker();

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    private void describeAs(String job, String status, String created, String changed, String reason) {
        sageMaker.serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job, status,
                Instant.parse(created), Instant.parse(changed), reason));
    }

    private static String stateChange(String job, String status, String created, String changed, String reason) {
        String event = TestEvents.stateChange(job, status, Instant.parse(changed));
        String extra = "\"CreationTime\":" + Instant.parse(created).toEpochMilli()
                + (reason == null ? "" : ",\"FailureReason\":\"" + reason + "\"") + ",";
        return event.replace("\"LastModifiedTime\"", extra + "\"LastModifiedTime\"");
    }

    private static String cloudTrail(String sample, String job, String eventTime) {
        String event = new String(TestEvents.sample(sample), StandardCharsets.UTF_8);
        return event.replace(event.contains("mistral-7b-compile-inf2") ? "mistral-7b-compile-inf2"
                        : event.contains("bad-role-quantization") ? "bad-role-quantization" : "old-llama2-awq", job)
                .replaceAll("\"eventTime\": ?\"[^\"]+\"", "\"eventTime\":\"" + eventTime + "\"");
    }

    @Test
    void aRejectedCreateForANameInUseLeavesTheRunningJobsRecordAndHistoryAlone() {
        describeAs("busy-name", "INPROGRESS", "2026-11-28T10:00:00Z", "2026-11-28T10:05:00Z", null);
        assertThat(tracker.putOne(stateChange("busy-name", "INPROGRESS", "2026-11-28T10:00:00Z",
                "2026-11-28T10:05:00Z", null)).succeeded()).isTrue();

        assertThat(tracker.putOne(cloudTrail("cloudtrail-create-failed", "busy-name", "2026-11-28T10:30:00Z"))
                .succeeded()).isTrue();

        assertThat(tracker.currentStatus("busy-name")).isEqualTo("INPROGRESS");
        assertThat(tracker.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.subject()).startsWith("CREATE REJECTED");
            assertThat(alert.json().get("failureReason").asText()).startsWith("CreateOptimizationJob was rejected");
        });
        assertThat(tracker.history("busy-name")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("INPROGRESS");
    }

    @Test
    void aLateDeleteOfAnEarlierJobLeavesTheNewJobOfTheSameNameAlone() {
        describeAs("reused-name", "INPROGRESS", "2026-11-28T10:01:00Z", "2026-11-28T10:02:00Z", null);
        tracker.putOne(stateChange("reused-name", "INPROGRESS", "2026-11-28T10:01:00Z", "2026-11-28T10:02:00Z", null));

        // The first job of that name was deleted at 10:00; CloudTrail delivers the call after the new job exists.
        assertThat(tracker.putOne(cloudTrail("cloudtrail-delete", "reused-name", "2026-11-28T10:00:00Z"))
                .succeeded()).isTrue();

        assertThat(tracker.currentStatus("reused-name")).isEqualTo("INPROGRESS");
        assertThat(tracker.history("reused-name")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("INPROGRESS");
    }

    private static final String DELETED_BEFORE_DESCRIBE = "deleted before the tracker could describe it";

    @Test
    void eachIncarnationThatFailsIsAlertedEvenIfDeletedBeforeItIsDescribed() {
        describeAs("quick-cleanup", "FAILED", "2026-11-28T09:00:00Z", "2026-11-28T09:30:00Z", "first failure");
        tracker.putOne(stateChange("quick-cleanup", "FAILED", "2026-11-28T09:00:00Z", "2026-11-28T09:30:00Z", null));
        sageMaker.deleteJob("quick-cleanup");

        // The name is reused at 11:00, that job fails at 11:20 and automation deletes it before we describe it;
        // the poller had listed it FAILED.
        tracker.pollerEmitted("quick-cleanup", Instant.parse("2026-11-28T11:00:00Z"), "FAILED",
                Instant.parse("2026-11-28T11:20:00Z"));
        assertThat(tracker.putOne(stateChange("quick-cleanup", "FAILED", "2026-11-28T11:00:00Z",
                "2026-11-28T11:20:00Z", "an event's own reason is never used")).succeeded()).isTrue();

        assertThat(tracker.alerts()).extracting(a -> a.json().get("failureReason").asText())
                .hasSize(2).contains("first failure")
                .anySatisfy(reason -> assertThat(reason).contains(DELETED_BEFORE_DESCRIBE));
        assertThat(tracker.alerts()).extracting(a -> a.json().get("creationTime").asText())
                .containsExactlyInAnyOrder("2026-11-28T09:00:00.000Z", "2026-11-28T11:00:00.000Z");
    }

    @Test
    void aFailureOfAJobReplacedBeforeItWasDescribedIsStillAlerted() {
        // The poller listed the job created at 08:00 as FAILED; by the time we describe, a new job of that name
        // (created at 09:00) is starting.
        describeAs("replaced", "STARTING", "2026-11-28T09:00:00Z", "2026-11-28T09:00:05Z", null);
        tracker.pollerEmitted("replaced", Instant.parse("2026-11-28T08:00:00Z"), "FAILED",
                Instant.parse("2026-11-28T08:40:00Z"));

        assertThat(tracker.putOne(stateChange("replaced", "FAILED", "2026-11-28T08:00:00Z", "2026-11-28T08:40:00Z",
                null)).succeeded()).isTrue();

        assertThat(tracker.alerts()).singleElement().satisfies(a -> {
            assertThat(a.json().get("failureReason").asText()).contains(DELETED_BEFORE_DESCRIBE);
            assertThat(a.json().get("creationTime").asText()).isEqualTo("2026-11-28T08:00:00.000Z");
        });
        assertThat(tracker.currentStatus("replaced")).isEqualTo("STARTING");
    }

    @Test
    void aClaimOfAnEarlierIncarnationThePollerNeverEmittedIsNotBelieved() {
        describeAs("replaced-forged", "INPROGRESS", "2026-11-28T09:00:00Z", "2026-11-28T09:00:05Z", null);

        assertThat(tracker.putOne(stateChange("replaced-forged", "FAILED", "2026-11-28T08:50:00Z",
                "2026-11-28T08:55:00Z", "forged")).succeeded()).isTrue();

        assertThat(tracker.alerts()).isEmpty();
        assertThat(tracker.history("replaced-forged")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("INPROGRESS");
    }

    @Test
    void aValidationExceptionSayingNotFoundMeansDeleted() {
        sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.DESCRIBE).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.OptimizationJobName", com.github.tomakehurst.wiremock.client.WireMock.equalTo("gone-job")))
                .willReturn(SageMakerStandIn.error(400, "ValidationException", "Requested resource not found.")));

        tracker.pollerEmitted("gone-job", Instant.parse("2026-11-28T08:00:00Z"), "COMPLETED",
                Instant.parse("2026-11-28T08:40:00Z"));
        var delivery = tracker.putOne(stateChange("gone-job", "COMPLETED", "2026-11-28T08:00:00Z",
                "2026-11-28T08:40:00Z", null));

        assertThat(delivery.succeeded()).as(delivery.lastError()).isTrue();
        assertThat(tracker.currentStatus("gone-job")).isEqualTo("DELETED");
        assertThat(tracker.history("gone-job")).extracting(i -> i.get(JobStore.STATUS).s())
                .containsExactly("COMPLETED", "DELETED");
    }

    @Test
    void startedByNamesTheCreatorOfThisJobNotOfAnEarlierOneOfTheSameName() {
        describeAs("hand-me-down", "STARTING", "2026-11-28T08:00:00Z", "2026-11-28T08:00:01Z", null);
        String create = cloudTrail("cloudtrail-create", "hand-me-down", "2026-11-28T08:00:00Z");
        tracker.putOne(create);
        assertThat(tracker.queries.currentRecord("hand-me-down").orElseThrow().get(JobStore.CREATED_BY).s())
                .contains("alice@example.com");

        describeAs("hand-me-down", "FAILED", "2026-11-28T12:00:00Z", "2026-11-28T12:30:00Z", "boom");
        tracker.putOne(stateChange("hand-me-down", "FAILED", "2026-11-28T12:00:00Z", "2026-11-28T12:30:00Z", "boom"));

        ReceivedAlert alert = tracker.alerts().get(0);
        assertThat(alert.json().get("createdBy").isNull()).isTrue();
        assertThat(tracker.queries.currentRecord("hand-me-down").orElseThrow().get(TableLayout.CREATION_TIME).s())
                .isEqualTo("2026-11-28T12:00:00.000Z");
    }
}
