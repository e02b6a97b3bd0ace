package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The poller's record of the state changes it put on the bus, in its own partition. Only the poller's role writes
 * there (its IAM policy and the table's resource policy), so an entry is evidence no event can forge: when SageMaker
 * no longer knows a job, the processor believes a state change's status and times only if the poller recorded
 * emitting exactly that change.
 */
public final class EmittedChanges {
    /** Kept past the dead-letter queues' retention, so a replayed event still finds its evidence. */
    public static final Duration KEEP = Duration.ofDays(15);
    static final String EMITTED_PREFIX = "EMITTED#";
    static final int MAX_BATCH = 25;
    static final int MAX_ATTEMPTS = 8;

    /** One state change the poller emitted: a job incarnation in a status, as of a change. */
    public record Emitted(String jobName, Instant creationTime, String status, Instant lastModifiedTime) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Backoff backoff;

    public EmittedChanges(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Backoff.exponential(Duration.ofMillis(25), Duration.ofSeconds(1)));
    }

    EmittedChanges(DynamoDbClient dynamoDb, String tableName, Backoff backoff) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.backoff = backoff;
    }

    /** Records the changes (before they are put on the bus); unprocessed items are retried, a few times. */
    public void recordAll(List<Emitted> changes, Instant now) {
        for (int from = 0; from < changes.size(); from += MAX_BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Emitted change : changes.subList(from, Math.min(changes.size(), from + MAX_BATCH))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item(change, now)).build()).build());
            }
            write(batch);
        }
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
        for (int attempt = 1; ; attempt++) {
            Map<String, List<WriteRequest>> sending = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(sending));
            pending = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
            if (pending.isEmpty()) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + pending.get(tableName).size() + " emitted-change"
                        + " records unprocessed after " + attempt + " attempts; the poll fails and the next run retries");
            }
            backoff.pause(attempt, "BatchWriteItem of emitted changes");
        }
    }

    /** True when the poller recorded emitting this job incarnation in this status. */
    public boolean wasEmitted(String jobName, Instant creationTime, String status) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).consistentRead(true)
                .key(key(jobName, creationTime, status))).item();
        return item != null && !item.isEmpty();
    }

    private static Map<String, AttributeValue> key(String jobName, Instant creationTime, String status) {
        return Map.of(PARTITION_KEY, s(POLLER_PARTITION),
                SORT_KEY, s(EMITTED_PREFIX + jobName + "#" + Times.iso(creationTime) + "#" + status));
    }

    private static Map<String, AttributeValue> item(Emitted change, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(change.jobName(), change.creationTime(), change.status()));
        if (change.lastModifiedTime() != null) {
            item.put(LAST_MODIFIED_TIME, s(Times.iso(change.lastModifiedTime())));
        }
        item.put("EmittedAt", s(Times.iso(now)));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(KEEP).getEpochSecond())));
        return item;
    }
}
