package io.github.optimizationjobtracker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.optimizationjobtracker.retry.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The poller's ledger: written in batches of 25, what DynamoDB leaves unprocessed written again, boundedly. */
class EmittedChangesTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @SuppressWarnings("unchecked")
    private static Consumer<BatchWriteItemRequest.Builder> anyWrite() {
        return any(Consumer.class);
    }

    private static List<EmittedChanges.Emitted> changes(int count) {
        List<EmittedChanges.Emitted> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            changes.add(new EmittedChanges.Emitted("job-" + i, Instant.parse("2026-11-30T10:00:00Z"), "FAILED",
                    i == 0 ? null : Instant.parse("2026-11-30T11:00:00Z")));
        }
        return changes;
    }

    /** Records every request's items, answering with the given unprocessed items in turn. */
    private static List<List<WriteRequest>> answering(DynamoDbClient dynamoDb, List<Integer> leftUnprocessed) {
        List<List<WriteRequest>> sent = new ArrayList<>();
        when(dynamoDb.batchWriteItem(anyWrite())).thenAnswer(invocation -> {
            Consumer<BatchWriteItemRequest.Builder> request = invocation.getArgument(0);
            BatchWriteItemRequest.Builder builder = BatchWriteItemRequest.builder();
            request.accept(builder);
            List<WriteRequest> items = builder.build().requestItems().get("jobs");
            sent.add(items);
            int left = sent.size() <= leftUnprocessed.size() ? leftUnprocessed.get(sent.size() - 1) : 0;
            return BatchWriteItemResponse.builder().unprocessedItems(left == 0 ? Map.of()
                    : Map.of("jobs", items.subList(0, left))).build();
        });
        return sent;
    }

    @Test
    void changesAreWrittenInBatchesOfTwentyFiveWithTheirEvidence() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
        List<List<WriteRequest>> sent = answering(dynamoDb, List.of());

        new EmittedChanges(dynamoDb, "jobs", Backoff.none()).recordAll(changes(30), NOW);

        assertThat(sent).extracting(List::size).containsExactly(25, 5);
        var first = sent.get(0).get(0).putRequest().item();
        assertThat(first.get(TableLayout.PARTITION_KEY).s()).isEqualTo(TableLayout.POLLER_PARTITION);
        assertThat(first.get(TableLayout.SORT_KEY).s()).isEqualTo("EMITTED#job-0#2026-11-30T10:00:00.000Z#FAILED");
        assertThat(first).as("no change time listed").doesNotContainKey(TableLayout.LAST_MODIFIED_TIME);
        assertThat(first.get(TableLayout.EXPIRES_AT).n())
                .isEqualTo(Long.toString(NOW.plus(EmittedChanges.KEEP).getEpochSecond()));
        assertThat(sent.get(0).get(1).putRequest().item().get(TableLayout.LAST_MODIFIED_TIME).s())
                .isEqualTo("2026-11-30T11:00:00.000Z");
    }

    @Test
    void unprocessedItemsAreWrittenAgainAndOnlyThey() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
        List<List<WriteRequest>> sent = answering(dynamoDb, List.of(3, 1));

        new EmittedChanges(dynamoDb, "jobs", Backoff.none()).recordAll(changes(5), NOW);

        assertThat(sent).extracting(List::size).containsExactly(5, 3, 1);
    }

    @Test
    void itemsLeftUnprocessedEveryTimeFailThePollAfterABoundedNumberOfAttempts() {
        DynamoDbClient dynamoDb = mock(DynamoDbClient.class);
        answering(dynamoDb, java.util.Collections.nCopies(50, 2));

        assertThatThrownBy(() -> new EmittedChanges(dynamoDb, "jobs", Backoff.none()).recordAll(changes(2), NOW))
                .hasMessage("DynamoDB left 2 emitted-change records unprocessed after " + EmittedChanges.MAX_ATTEMPTS
                        + " attempts; the poll fails and the next run retries");
        verify(dynamoDb, times(EmittedChanges.MAX_ATTEMPTS)).batchWriteItem(anyWrite());
    }
}
