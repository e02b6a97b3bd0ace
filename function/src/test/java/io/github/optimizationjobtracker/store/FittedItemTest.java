package io.github.optimizationjobtracker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.job.OptimizationJob;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How an item that would pass DynamoDB's item limit is cut to fit, and only such an item. */
class FittedItemTest {
    private static final OptimizationJob JOB =
            OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));

    private static Map<String, AttributeValue> item(String reason, String documentText) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(TableLayout.PARTITION_KEY, AttributeValue.fromS("j"));
        item.put(JobStore.FAILURE_REASON, AttributeValue.fromS(reason));
        item.put(JobStore.JOB_DOCUMENT, AttributeValue.fromM(Map.of("Text", AttributeValue.fromS(documentText))));
        return item;
    }

    @Test
    void anItemAtTheLimitIsStoredAsItIs() {
        Map<String, AttributeValue> item = item("r", "");
        long spare = ItemSize.LIMIT - ItemSize.of(item);
        Map<String, AttributeValue> atLimit = item("r", "d".repeat((int) spare));
        assertThat(ItemSize.of(atLimit)).isEqualTo(ItemSize.LIMIT);

        assertThat(JobStore.fitted(JOB, atLimit)).isSameAs(atLimit);

        Map<String, AttributeValue> overByOne = item("r", "d".repeat((int) spare + 1));
        assertThat(JobStore.fitted(JOB, overByOne)).doesNotContainKey(JobStore.JOB_DOCUMENT)
                .containsKey(JobStore.JOB_TRIMMED);
    }

    @Test
    void aLargeDocumentIsLeftOutAndSaysHowLargeItWas() {
        Map<String, AttributeValue> fitted = JobStore.fitted(JOB, item("short reason", "d".repeat(500 * 1024)));

        assertThat(fitted.get(JobStore.JOB_TRIMMED).s()).isEqualTo("the SageMaker document (about 500 KB) did not"
                + " fit a DynamoDB item; DescribeOptimizationJob returns it");
        assertThat(fitted.get(JobStore.FAILURE_REASON).s()).isEqualTo("short reason");
        assertThat(fitted).doesNotContainKey(JobStore.FAILURE_REASON_TRUNCATED);
    }

    @Test
    void aReasonTooLargeForTheItemKeepsItsFirstSixtyFourThousandCharacters() {
        String reason = "a".repeat(450 * 1024);
        Map<String, AttributeValue> fitted = JobStore.fitted(JOB, item(reason, "small"));

        int kept = JobStore.MAX_STORED_REASON_CHARS;
        assertThat(fitted.get(JobStore.FAILURE_REASON).s()).isEqualTo("a".repeat(kept) + "\n[... "
                + (reason.length() - kept) + " more characters not stored: DynamoDB items are limited to 400 KB]");
        assertThat(fitted.get(JobStore.FAILURE_REASON_TRUNCATED).bool()).isTrue();
        assertThat(ItemSize.of(fitted)).isLessThanOrEqualTo(ItemSize.LIMIT);
    }

    @Test
    void aLargeReasonThatFitsOnceTheDocumentIsGoneIsKeptWhole() {
        String reason = "b".repeat(200 * 1024);
        Map<String, AttributeValue> fitted = JobStore.fitted(JOB, item(reason, "d".repeat(300 * 1024)));

        assertThat(fitted.get(JobStore.FAILURE_REASON).s()).isEqualTo(reason);
        assertThat(fitted).doesNotContainKey(JobStore.FAILURE_REASON_TRUNCATED);
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String reason = "c".repeat(JobStore.MAX_STORED_REASON_CHARS - 1) + "\uD83D\uDE00" + "d".repeat(400 * 1024);
        String kept = JobStore.fitted(JOB, item(reason, "")).get(JobStore.FAILURE_REASON).s();

        assertThat(kept).startsWith("c".repeat(JobStore.MAX_STORED_REASON_CHARS - 1) + "\n[... ");
    }

    @Test
    void anItemTooLargeEvenWithoutDocumentAndReasonIsAnErrorNamingTheJob() {
        Map<String, AttributeValue> item = item("short", "");
        item.put(JobStore.OUTPUT_LOCATION, AttributeValue.fromS("s".repeat(400 * 1024)));

        assertThatThrownBy(() -> JobStore.fitted(JOB, item)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the record of llama3-8b-spec-decoding FAILED is ")
                .hasMessageEndingWith(" bytes even without its SageMaker document and failure reason");
    }

    /** An item that, once its document is left out, is exactly {@code target} bytes (padded in its output location). */
    private static Map<String, AttributeValue> leavingExactly(String reason, long target) {
        Map<String, AttributeValue> item = item(reason, "d".repeat(500 * 1024));
        item.put(JobStore.OUTPUT_LOCATION, AttributeValue.fromS(""));
        Map<String, AttributeValue> withoutDocument = new LinkedHashMap<>(item);
        withoutDocument.remove(JobStore.JOB_DOCUMENT);
        withoutDocument.put(JobStore.JOB_TRIMMED, AttributeValue.fromS("the SageMaker document (about 500 KB) did not"
                + " fit a DynamoDB item; DescribeOptimizationJob returns it"));
        long missing = target - ItemSize.of(withoutDocument);
        item.put(JobStore.OUTPUT_LOCATION, AttributeValue.fromS("s".repeat((int) missing)));
        return item;
    }

    @Test
    void anItemExactlyAtTheLimitWithoutItsDocumentIsStoredSoAndItsLongReasonKept() {
        String longReason = "r".repeat(JobStore.MAX_STORED_REASON_CHARS + 10);
        Map<String, AttributeValue> fitted = JobStore.fitted(JOB, leavingExactly(longReason, ItemSize.LIMIT));

        assertThat(ItemSize.of(fitted)).isEqualTo(ItemSize.LIMIT);
        assertThat(fitted.get(JobStore.FAILURE_REASON).s()).isEqualTo(longReason);
        assertThat(fitted).containsKey(JobStore.JOB_TRIMMED).doesNotContainKey(JobStore.FAILURE_REASON_TRUNCATED);
    }

    @Test
    void oneByteOverTheLimitWithoutItsDocumentCutsTheLongReason() {
        String longReason = "r".repeat(200 * 1024);
        Map<String, AttributeValue> fitted = JobStore.fitted(JOB, leavingExactly(longReason, ItemSize.LIMIT + 1));

        assertThat(fitted.get(JobStore.FAILURE_REASON_TRUNCATED).bool()).isTrue();
        assertThat(ItemSize.of(fitted)).isLessThanOrEqualTo(ItemSize.LIMIT);
    }
}
