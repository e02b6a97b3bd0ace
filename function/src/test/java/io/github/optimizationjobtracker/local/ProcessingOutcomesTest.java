package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each kind of event makes the processor do, as an operator sees it: the handler's output (what {@code sam
 * local invoke} prints) and the metrics the dashboard and alarms read. Every counter is checked, so a count that
 * moves where it should not fails too.
 */
class ProcessingOutcomesTest {
    private static final String[] COUNTERS = {TrackerMetrics.EVENTS_PROCESSED, TrackerMetrics.ALERTS_PUBLISHED,
            TrackerMetrics.DUPLICATES_SKIPPED, TrackerMetrics.STALE_EVENTS_SKIPPED, TrackerMetrics.EVENTS_REJECTED,
            TrackerMetrics.CREATES_REJECTED};
    private final Tracker tracker = new Tracker();

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    /** The output of one delivery and how much each counter moved. */
    private record Outcome(JsonNode output, Map<String, Integer> counted) {
    }

    private Outcome deliver(String event) {
        Map<String, Double> before = tracker.metrics.snapshot();
        Delivery delivery = tracker.deliver(event);
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (String counter : COUNTERS) {
            int moved = (int) (tracker.metrics.total(counter) - before.getOrDefault(counter, 0.0));
            if (moved != 0) {
                counted.put(counter, moved);
            }
        }
        JsonNode output = delivery.succeeded() ? Json.parse(delivery.output().getBytes(StandardCharsets.UTF_8)) : null;
        return new Outcome(output, counted);
    }

    private static void assertOutput(Outcome outcome, String status, boolean newStatus, boolean currentUpdated,
                                     String alert) {
        assertThat(outcome.output()).as("the handler answered").isNotNull();
        assertThat(outcome.output().get("status").isNull() ? null : outcome.output().get("status").asText())
                .as("status").isEqualTo(status);
        assertThat(outcome.output().get("newStatus").asBoolean()).as("newStatus").isEqualTo(newStatus);
        assertThat(outcome.output().get("currentRecordUpdated").asBoolean()).as("currentRecordUpdated")
                .isEqualTo(currentUpdated);
        assertThat(outcome.output().get("alert").asText()).as("alert").isEqualTo(alert);
    }

    private static String sample(String name) {
        return new String(TestEvents.sample(name), StandardCharsets.UTF_8);
    }

    @Test
    void aNewFailureIsRecordedAndAlertedAndItsDuplicateChangesNothing() {
        Outcome first = deliver(sample("state-change-failed"));
        assertOutput(first, "FAILED", true, true, "PUBLISHED");
        assertThat(first.output().get("jobName").asText()).isEqualTo("llama3-8b-spec-decoding");
        assertThat(first.output().get("eventId").asText()).isEqualTo("35b26c19-3942-43e3-818b-7ad6a21f4842");
        assertThat(first.counted()).isEqualTo(Map.of(TrackerMetrics.EVENTS_PROCESSED, 1, TrackerMetrics.ALERTS_PUBLISHED, 1));

        Outcome again = deliver(sample("state-change-failed"));
        assertOutput(again, "FAILED", false, false, "ALREADY_SENT");
        assertThat(again.counted()).as("history entry and alert already there; the record is as new")
                .isEqualTo(Map.of(TrackerMetrics.EVENTS_PROCESSED, 1, TrackerMetrics.DUPLICATES_SKIPPED, 2,
                        TrackerMetrics.STALE_EVENTS_SKIPPED, 1));
    }

    @Test
    void aStatusThatDoesNotAlertIsRecordedQuietly() {
        Outcome running = deliver(sample("state-change-inprogress"));
        assertOutput(running, "INPROGRESS", true, true, "NONE");
        assertThat(running.counted()).isEqualTo(Map.of(TrackerMetrics.EVENTS_PROCESSED, 1));
    }

    @Test
    void anEventAboutAJobNobodyKnowsRecordsNothing() {
        Outcome ghost = deliver(TestEvents.stateChange("never-existed", "FAILED", Instant.now().minusSeconds(60)));
        assertOutput(ghost, null, false, false, "NONE");
        assertThat(ghost.counted()).isEqualTo(Map.of(TrackerMetrics.STALE_EVENTS_SKIPPED, 1));
        assertThat(tracker.queries.currentRecord("never-existed")).isEmpty();
    }

    @Test
    void aRejectedCreateIsItsOwnRecordAlertedOnce() {
        Outcome rejected = deliver(sample("cloudtrail-create-failed"));
        assertOutput(rejected, TableLayout.REJECTED_CREATE_STATUS, true, false, "PUBLISHED");
        assertThat(rejected.counted()).isEqualTo(Map.of(TrackerMetrics.EVENTS_PROCESSED, 1,
                TrackerMetrics.ALERTS_PUBLISHED, 1, TrackerMetrics.CREATES_REJECTED, 1));

        Outcome again = deliver(sample("cloudtrail-create-failed"));
        assertOutput(again, TableLayout.REJECTED_CREATE_STATUS, false, false, "ALREADY_SENT");
        assertThat(again.counted()).isEqualTo(Map.of(TrackerMetrics.EVENTS_PROCESSED, 1,
                TrackerMetrics.DUPLICATES_SKIPPED, 2, TrackerMetrics.CREATES_REJECTED, 1));
    }

    @Test
    void aRejectedCreateWhoseCodeNeedsNobodyIsRecordedNotAlerted() {
        Outcome throttled = deliver(sample("cloudtrail-create-failed")
                .replace("\"ValidationException\"", "\"ThrottlingException\""));
        assertOutput(throttled, TableLayout.REJECTED_CREATE_STATUS, true, false, "NONE");
        assertThat(throttled.counted()).isEqualTo(Map.of(TrackerMetrics.EVENTS_PROCESSED, 1,
                TrackerMetrics.CREATES_REJECTED, 1));
        assertThat(tracker.allItems()).filteredOn(item -> item.get(TableLayout.SORT_KEY).s()
                        .startsWith(TableLayout.REJECTED_CREATE_PREFIX)).singleElement()
                .satisfies(item -> assertThat(item.get("AlertDecision").s())
                        .isEqualTo("not alerted: ThrottlingException is not in the alerting error codes"));
    }

    @Test
    void aRejectedCreateOfANameNoJobCanHaveIsRecordedUnderItsPrintableName() {
        int describes = tracker.standIns.sageMaker().calls(SageMakerStandIn.DESCRIBE);
        Outcome rejected = deliver(sample("cloudtrail-create-failed")
                .replace("\"bad-role-quantization\"", "\"bad_name v2\""));
        assertThat(tracker.standIns.sageMaker().calls(SageMakerStandIn.DESCRIBE)).as("no job can have that name")
                .isEqualTo(describes);
        assertOutput(rejected, TableLayout.REJECTED_CREATE_STATUS, true, false, "PUBLISHED");
        assertThat(rejected.output().get("jobName").asText()).isEqualTo("bad_name v2");
    }

    @Test
    void anInvalidEventIsCountedAsRejected() {
        Outcome invalid = deliver(sample("invalid/unknown-status"));
        assertThat(invalid.output()).isNull();
        assertThat(invalid.counted()).as("counted once per attempt: Lambda tries three times")
                .isEqualTo(Map.of(TrackerMetrics.EVENTS_REJECTED, 3));
    }

    @Test
    void aJobDeletedAfterItWasRecordedIsDeletedWithItsCreationTimeAndFactsKept() {
        deliver(sample("state-change-failed"));
        tracker.standIns.sageMaker().deleteJob("llama3-8b-spec-decoding");
        String delete = sample("cloudtrail-delete").replace("old-llama2-awq", "llama3-8b-spec-decoding")
                .replace("2026-11-25T17:03:44Z", "2026-11-28T08:00:00Z");

        Outcome deleted = deliver(delete);

        assertOutput(deleted, "DELETED", true, true, "NONE");
        var current = tracker.queries.currentRecord("llama3-8b-spec-decoding").orElseThrow();
        assertThat(current.get(TableLayout.CREATION_TIME).s()).as("the creation time on record")
                .isEqualTo("2026-11-27T09:12:05.339Z");
        assertThat(current.get(JobStore.INSTANCE_TYPE).s()).as("from the document on record").isEqualTo("ml.g5.48xlarge");
        assertThat(current.get(JobStore.JOB_DOCUMENT).m().get("OptimizationJobStatus").s()).isEqualTo("DELETED");
        assertThat(current.get(TableLayout.LAST_MODIFIED_TIME).s()).as("when CloudTrail saw the call")
                .isEqualTo("2026-11-28T08:00:00.000Z");
        assertThat(current).as("a deleted job has no failure of its own").doesNotContainKey(JobStore.FAILURE_REASON);
    }

    @Test
    void aDeletionOlderThanTheJobOnRecordConcernsAnEarlierJobAndChangesNothing() {
        deliver(sample("state-change-failed"));
        tracker.standIns.sageMaker().deleteJob("llama3-8b-spec-decoding");
        String oldDelete = sample("cloudtrail-delete").replace("old-llama2-awq", "llama3-8b-spec-decoding")
                .replace("2026-11-25T17:03:44Z", "2026-11-01T00:00:00Z");

        Outcome stale = deliver(oldDelete);

        assertOutput(stale, null, false, false, "NONE");
        assertThat(stale.counted()).isEqualTo(Map.of(TrackerMetrics.STALE_EVENTS_SKIPPED, 1));
        assertThat(tracker.currentStatus("llama3-8b-spec-decoding")).isEqualTo("FAILED");
    }

    private static String create(String job, String eventTime) {
        return sample("cloudtrail-create").replace("mistral-7b-compile-inf2", job)
                .replaceAll("\"eventTime\": ?\"[^\"]+\"", "\"eventTime\": \"" + eventTime + "\"");
    }

    private void jobRunning(String job, Instant created) {
        tracker.standIns.sageMaker().serveDescribe(job, TestEvents.describeBody("llama3-8b-spec-decoding", job,
                "INPROGRESS", created, created.plusSeconds(60), null));
    }

    @Test
    void theCallerOfACreateWithinFiveMinutesOfTheJobsCreationIsItsCreatorAndNoOneElseIs() {
        Instant created = Instant.parse("2026-11-28T11:30:00Z");
        jobRunning("five-minutes", created);
        deliver(create("five-minutes", "2026-11-28T11:25:00Z"));
        assertThat(tracker.queries.currentRecord("five-minutes").orElseThrow().get(JobStore.CREATED_BY).s())
                .as("exactly five minutes apart").endsWith("alice@example.com");

        jobRunning("too-far", created);
        deliver(create("too-far", "2026-11-28T11:24:59.999Z"));
        assertThat(tracker.queries.currentRecord("too-far").orElseThrow()).doesNotContainKey(JobStore.CREATED_BY);

        jobRunning("nobody-called", created);
        deliver(create("nobody-called", "2026-11-28T11:30:00Z").replaceAll("\"userIdentity\"", "\"userIdentityGone\""));
        assertThat(tracker.queries.currentRecord("nobody-called").orElseThrow()).doesNotContainKey(JobStore.CREATED_BY);
    }

    @Test
    void aRejectedCreateOfANameInUseNamesNoCreatorOfTheJobThatHasIt() {
        Instant created = Instant.parse("2026-11-28T11:30:00Z");
        jobRunning("name-in-use", created);
        String retry = sample("cloudtrail-create-failed").replace("bad-role-quantization", "name-in-use")
                .replace("\"ValidationException\"", "\"ResourceInUse\"")
                .replaceAll("\"eventTime\": ?\"[^\"]+\"", "\"eventTime\": \"2026-11-28T11:31:00Z\"");

        deliver(retry);

        assertThat(tracker.queries.currentRecord("name-in-use").orElseThrow()).doesNotContainKey(JobStore.CREATED_BY);
    }

    @Test
    void aJobThePollerSawRunningAndThatVanishedIsRecordedFromItsEventAlone() {
        Instant created = Instant.parse("2026-11-28T09:00:00Z");
        tracker.pollerEmitted("vanished-running", created, "INPROGRESS", null);
        String event = TestEvents.stateChange("vanished-running", "INPROGRESS", Instant.parse("2026-11-28T09:05:00Z"))
                .replace("\"LastModifiedTime\"", "\"CreationTime\":" + created.toEpochMilli() + ",\"Ignored\"");

        deliver(event);

        var history = tracker.history("vanished-running");
        var running = history.stream().filter(i -> i.get(JobStore.STATUS).s().equals("INPROGRESS")).findFirst()
                .orElseThrow();
        assertThat(running.get(JobStore.JOB_DOCUMENT).m()).as("a running job has no failure reason")
                .doesNotContainKey("FailureReason");
        assertThat(running.get(TableLayout.HISTORY_TIME).s()).as("no change time reported: the event's time")
                .isEqualTo(Json.parse(event.getBytes(StandardCharsets.UTF_8)).get("time").asText().replace("Z", ".000Z"));
    }
}
