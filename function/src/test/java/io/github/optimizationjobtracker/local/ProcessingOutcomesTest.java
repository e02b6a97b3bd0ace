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
        Outcome rejected = deliver(sample("cloudtrail-create-failed")
                .replace("\"bad-role-quantization\"", "\"bad_name v2\""));
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
}
