package io.github.optimizationjobtracker.store;


import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.store.AttributeValues;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads what the table holds for a page of jobs in one BatchGetItem (plus retries of unprocessed keys). */
public final class KnownJobs {
    /** What the poller compares a listed job with. */
    public record Known(String status, String creationTime, String lastModifiedTime) {
    }

    private static final int MAX_BATCH = 100;
    /** DynamoDB returns unprocessed keys under throttling; past this many tries the poll fails and the next retries. */
    static final int MAX_ATTEMPTS = 8;
    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Backoff backoff;

    public KnownJobs(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(1)));
    }

    KnownJobs(DynamoDbClient dynamoDb, String tableName, Backoff backoff) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.backoff = backoff;
    }

    public Map<String, Known> lookUp(Collection<String> jobNames) {
        Map<String, Known> known = new HashMap<>();
        List<String> names = new ArrayList<>(new LinkedHashSet<>(jobNames));
        for (int from = 0; from < names.size(); from += MAX_BATCH) {
            List<Map<String, AttributeValue>> keys = names.subList(from, Math.min(names.size(), from + MAX_BATCH))
                    .stream().map(JobStore::currentKey).toList();
            Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true)
                    .projectionExpression("#job, #status, #created, #changed")
                    .expressionAttributeNames(Map.of("#job", PARTITION_KEY, "#status", CURRENT_STATUS,
                            "#created", CREATION_TIME, "#changed", LAST_MODIFIED_TIME)).build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new IllegalStateException("DynamoDB left " + request.get(tableName).keys().size() + " of the"
                            + " table's records unread after " + MAX_ATTEMPTS + " BatchGetItem attempts; the poll"
                            + " fails and the next run retries");
                }
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(tableName, List.of()).forEach(item -> known.put(
                        AttributeValues.string(item, PARTITION_KEY),
                        new Known(AttributeValues.string(item, CURRENT_STATUS), AttributeValues.string(item, CREATION_TIME),
                                AttributeValues.string(item, LAST_MODIFIED_TIME))));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
                if (!request.isEmpty() && attempt < MAX_ATTEMPTS) {
                    backoff.pause(attempt, "BatchGetItem");
                }
            }
        }
        return known;
    }
}
