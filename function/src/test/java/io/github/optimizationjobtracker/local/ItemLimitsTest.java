package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What does not fit DynamoDB's 400 KB item limit is trimmed and flagged, never a failed event and a lost alert. */
class ItemLimitsTest {
    private final Tracker tracker = new Tracker();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    @Test
    void theFailureReasonIsStoredOnceNotAlsoInsideTheSageMakerDocument() {
        tracker.standIns.sageMaker().serveJob("reason-once", "FAILED", now.minus(Duration.ofHours(1)),
                now.minusSeconds(60), "CUDA out of memory");
        assertThat(tracker.putOne(TestEvents.stateChange("reason-once", "FAILED", now.minusSeconds(60))).succeeded())
                .isTrue();

        Map<String, AttributeValue> current = tracker.queries.currentRecord("reason-once").orElseThrow();
        assertThat(current.get(JobStore.FAILURE_REASON).s()).isEqualTo("CUDA out of memory");
        assertThat(current.get(JobStore.JOB_DOCUMENT).m()).containsKey("OptimizationJobArn")
                .doesNotContainKey("FailureReason");
        assertThat(tracker.history("reason-once").get(0).get(JobStore.JOB_DOCUMENT).m()).doesNotContainKey("FailureReason");
        assertThat(current).doesNotContainKeys(JobStore.JOB_TRIMMED, JobStore.FAILURE_REASON_TRUNCATED);
    }

    @Test
    void aReasonTooLargeForAnItemIsCutAndFlaggedAndTheAlertStillGoesOut() {
        String reason = "Traceback (most recent call last):\n" + "  File \"x.py\", line 1, in <module>\n".repeat(12_000);
        assertThat(reason.length()).isGreaterThan(400 * 1024);
        tracker.standIns.sageMaker().serveJob("huge-reason", "FAILED", now.minus(Duration.ofHours(1)),
                now.minusSeconds(60), reason);

        var delivery = tracker.putOne(TestEvents.stateChange("huge-reason", "FAILED", now.minusSeconds(60)));

        assertThat(delivery.succeeded()).as(delivery.lastError()).isTrue();
        Map<String, AttributeValue> current = tracker.queries.currentRecord("huge-reason").orElseThrow();
        assertThat(current.get(JobStore.FAILURE_REASON_TRUNCATED).bool()).isTrue();
        assertThat(current.get(JobStore.FAILURE_REASON).s()).startsWith("Traceback")
                .contains("more characters not stored: DynamoDB items are limited to 400 KB");
        assertThat(current.get(JobStore.JOB_TRIMMED).s()).contains("DescribeOptimizationJob returns it");
        assertThat(current).doesNotContainKey(JobStore.JOB_DOCUMENT);
        assertThat(tracker.history("huge-reason")).singleElement()
                .satisfies(entry -> assertThat(entry.get(JobStore.FAILURE_REASON_TRUNCATED).bool()).isTrue());
        assertThat(tracker.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.json().get("failureReasonTruncated").asBoolean()).isTrue();
            assertThat(alert.json().get("failureReason").asText()).startsWith("Traceback");
        });
    }

    @Test
    void aLaterSmallerRecordClearsTheFlagsOfAnEarlierTrimmedOne() {
        String reason = "x".repeat(500_000);
        tracker.standIns.sageMaker().serveJob("flag-cleared", "FAILED", now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)), reason);
        tracker.putOne(TestEvents.stateChange("flag-cleared", "FAILED", now.minus(Duration.ofHours(1))));
        // The name is reused: a new job, with an ordinary record.
        tracker.standIns.sageMaker().serveJob("flag-cleared", "INPROGRESS", now.minusSeconds(600),
                now.minusSeconds(60), null);
        tracker.putOne(TestEvents.stateChange("flag-cleared", "INPROGRESS", now.minusSeconds(60)));

        Map<String, AttributeValue> current = tracker.queries.currentRecord("flag-cleared").orElseThrow();
        assertThat(current).containsKey(JobStore.JOB_DOCUMENT)
                .doesNotContainKeys(JobStore.JOB_TRIMMED, JobStore.FAILURE_REASON_TRUNCATED, JobStore.FAILURE_REASON);
    }
}
