package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.json.Times;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Keeps the poller's checkpoint in the job table, under a partition key no job name can have. */
public final class CheckpointStore {
    static final String POLLED_THROUGH = "PolledThrough";
    static final String RESUME_LISTED_AFTER = "ResumeListedAfter";
    static final String RESUME_RUN_STARTED_AT = "ResumeRunStartedAt";
    static final String RESUME_NEXT_TOKEN = "ResumeNextToken";
    static final String UPDATED_AT = "UpdatedAt";
    private static final Map<String, AttributeValue> KEY =
            Map.of(PARTITION_KEY, s(POLLER_PARTITION), SORT_KEY, s(CHECKPOINT_RECORD_KEY));

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public CheckpointStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    public Checkpoint load() {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).key(KEY).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Checkpoint.none();
        }
        Optional<Instant> through = Optional.ofNullable(AttributeValues.string(item, POLLED_THROUGH)).map(Times::parse);
        String token = AttributeValues.string(item, RESUME_NEXT_TOKEN);
        Optional<Checkpoint.Resume> resume = token == null ? Optional.empty() : Optional.of(new Checkpoint.Resume(
                Times.parse(AttributeValues.string(item, RESUME_LISTED_AFTER)),
                Times.parse(AttributeValues.string(item, RESUME_RUN_STARTED_AT)), token));
        return new Checkpoint(through, resume);
    }

    public void save(Checkpoint checkpoint, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        checkpoint.polledThrough().ifPresent(t -> item.put(POLLED_THROUGH, s(Times.iso(t))));
        checkpoint.resume().ifPresent(r -> {
            item.put(RESUME_LISTED_AFTER, s(Times.iso(r.listedAfter())));
            item.put(RESUME_RUN_STARTED_AT, s(Times.iso(r.runStartedAt())));
            item.put(RESUME_NEXT_TOKEN, s(r.nextToken()));
        });
        item.put(UPDATED_AT, s(Times.iso(now)));
        dynamoDb.putItem(r -> r.tableName(tableName).item(item));
    }
}
