package io.github.optimizationjobtracker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.optimizationjobtracker.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** BatchGetItem's unprocessed keys: read again with backoff, a bounded number of times. */
class KnownJobsTest {

    // ---- KnownJobs: BatchGetItem's unprocessed keys -----------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Consumer<BatchGetItemRequest.Builder> anyBatchGet() {
        return any(Consumer.class);
    }

    private static Map<String, AttributeValue> record(String job) {
        return Map.of("JobName", AttributeValue.fromS(job), "CurrentStatus", AttributeValue.fromS("FAILED"),
                "CreationTime", AttributeValue.fromS("2026-11-28T09:00:00.000Z"),
                "LastModifiedTime", AttributeValue.fromS("2026-11-28T10:00:00.000Z"));
    }

    private static Map<String, KeysAndAttributes> unprocessed(String... jobs) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (String job : jobs) {
            keys.add(Map.of("JobName", AttributeValue.fromS(job), "RecordKey", AttributeValue.fromS("CURRENT")));
        }
        return Map.of("jobs", KeysAndAttributes.builder().keys(keys).build());
    }

    @Test
    void unprocessedKeysAreReadAgainUntilEveryRecordIsRead() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
        when(dynamoDb.batchGetItem(anyBatchGet())).thenReturn(
                BatchGetItemResponse.builder().responses(Map.of("jobs", List.of(record("a"))))
                        .unprocessedKeys(unprocessed("b", "c")).build(),
                BatchGetItemResponse.builder().responses(Map.of("jobs", List.of(record("b"))))
                        .unprocessedKeys(unprocessed("c")).build(),
                BatchGetItemResponse.builder().responses(Map.of("jobs", List.of(record("c")))).build());

        var known = new KnownJobs(dynamoDb, "jobs", Backoff.none()).lookUp(List.of("a", "b", "c", "a"));

        assertThat(known).containsOnlyKeys("a", "b", "c");
        assertThat(known.get("c")).isEqualTo(new KnownJobs.Known("FAILED", "2026-11-28T09:00:00.000Z",
                "2026-11-28T10:00:00.000Z"));
        verify(dynamoDb, times(3)).batchGetItem(anyBatchGet());
    }

    @Test
    void keysLeftUnprocessedEveryTimeFailThePollAfterABoundedNumberOfAttempts() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
        when(dynamoDb.batchGetItem(anyBatchGet())).thenReturn(
                BatchGetItemResponse.builder().responses(Map.of()).unprocessedKeys(unprocessed("a", "b")).build());

        assertThatThrownBy(() -> new KnownJobs(dynamoDb, "jobs", Backoff.none()).lookUp(List.of("a", "b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("DynamoDB left 2 of the table's records unread after " + KnownJobs.MAX_ATTEMPTS
                        + " BatchGetItem attempts; the poll fails and the next run retries");
        verify(dynamoDb, times(KnownJobs.MAX_ATTEMPTS)).batchGetItem(anyBatchGet());
    }

    @Test
    void namesAreReadInBatchesOfOneHundred() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
        when(dynamoDb.batchGetItem(anyBatchGet())).thenReturn(BatchGetItemResponse.builder().responses(Map.of()).build());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            names.add("job-" + i);
        }

        assertThat(new KnownJobs(dynamoDb, "jobs", Backoff.none()).lookUp(names)).isEmpty();
        verify(dynamoDb, times(3)).batchGetItem(anyBatchGet());
    }
}
