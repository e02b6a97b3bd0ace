package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.json.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The read side of the table: the access patterns README's "Querying the history" documents, each one GetItem or
 * Query (never a Scan), every Query read page by page to its last one (LastEvaluatedKey). The tracker command-line
 * tool and the tests read the table through this class only, so each access pattern has one implementation.
 *
 * <p>Queries over an index return a lazy stream: pages are fetched as the stream is consumed, so a caller that
 * stops early (a limit) reads no further pages.
 */
public final class JobHistory {
    /** The order of a time-sorted query's results. */
    public enum Order { OLDEST_FIRST, NEWEST_FIRST }

    private final DynamoDbClient dynamoDb;
    private final String table;
    /** Items per Query page; empty: DynamoDB's own page limit (1 MB) decides. */
    private final OptionalInt pageSize;

    public JobHistory(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, OptionalInt.empty());
    }

    private JobHistory(DynamoDbClient dynamoDb, String table, OptionalInt pageSize) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.pageSize = pageSize;
    }

    /** The same reads with at most {@code items} per Query page: tests force many pages with a small one. */
    public JobHistory withPageSize(int items) {
        if (items < 1) {
            throw new IllegalArgumentException("a page holds at least one item, not " + items);
        }
        return new JobHistory(dynamoDb, table, OptionalInt.of(items));
    }

    public String table() {
        return table;
    }

    /** 1. The current record of a job, read consistently (a status just recorded is there). */
    public Optional<Map<String, AttributeValue>> currentRecord(String jobName) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                .key(JobStore.currentKey(jobName)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** 2. A job's history entries, every incarnation's, in the order their statuses were reached. */
    public List<Map<String, AttributeValue>> history(String jobName) {
        return query(r -> r.indexName(HISTORY_BY_TIME_INDEX)
                .keyConditionExpression("#job = :job")
                .expressionAttributeNames(Map.of("#job", PARTITION_KEY))
                .expressionAttributeValues(Map.of(":job", s(jobName)))).toList();
    }

    /** A job name's rejected CreateOptimizationJob calls, oldest first: its own partition, by key prefix. */
    public List<Map<String, AttributeValue>> rejectedCreates(String jobName) {
        return query(r -> r.keyConditionExpression("#job = :job AND begins_with(#key, :prefix)")
                .expressionAttributeNames(Map.of("#job", PARTITION_KEY, "#key", SORT_KEY))
                .expressionAttributeValues(Map.of(":job", s(jobName), ":prefix", s(REJECTED_CREATE_PREFIX)))).toList();
    }

    /**
     * 3. Current records in a status whose last change is at or after {@code since}, newest first. The status may
     * be {@link TableLayout#REJECTED_CREATE_STATUS}: rejected creates are listed in the same index.
     */
    public Stream<Map<String, AttributeValue>> inStatusChangedSince(String status, Instant since) {
        return query(r -> r.indexName(JOBS_BY_STATUS_INDEX)
                .keyConditionExpression("#status = :status AND #changed >= :from")
                .expressionAttributeNames(Map.of("#status", CURRENT_STATUS, "#changed", LAST_MODIFIED_TIME))
                .expressionAttributeValues(Map.of(":status", s(status), ":from", s(Times.iso(since))))
                .scanIndexForward(false));
    }

    /** 3. The same, for a last change in [from, to]. */
    public Stream<Map<String, AttributeValue>> inStatusChangedBetween(String status, Instant from, Instant to) {
        return query(r -> r.indexName(JOBS_BY_STATUS_INDEX)
                .keyConditionExpression("#status = :status AND #changed BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#status", CURRENT_STATUS, "#changed", LAST_MODIFIED_TIME))
                .expressionAttributeValues(Map.of(":status", s(status), ":from", s(Times.iso(from)),
                        ":to", s(Times.iso(to))))
                .scanIndexForward(false));
    }

    /**
     * 4. Current records of the jobs created in [from, to]. The index is partitioned by creation year, so a range
     * that crosses New Year is one query per year, in the order asked for.
     */
    public Stream<Map<String, AttributeValue>> createdBetween(Instant from, Instant to, Order order) {
        return createdBetween(from, to, order, r -> { });
    }

    /** 4, projected to the job names only: what looking for a name needs, a fraction of the bytes. */
    public Stream<String> namesCreatedBetween(Instant from, Instant to) {
        return createdBetween(from, to, Order.OLDEST_FIRST, r -> r.projectionExpression("#job")
                .expressionAttributeNames(Map.of("#year", CREATION_YEAR, "#created", CREATION_TIME,
                        "#job", PARTITION_KEY)))
                .map(item -> item.get(PARTITION_KEY).s());
    }

    private Stream<Map<String, AttributeValue>> createdBetween(Instant from, Instant to, Order order,
                                                               Consumer<QueryRequest.Builder> projection) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
        int first = Integer.parseInt(Times.year(from));
        int last = Integer.parseInt(Times.year(to));
        IntStream years = order == Order.OLDEST_FIRST ? IntStream.rangeClosed(first, last)
                : IntStream.rangeClosed(first, last).map(y -> last - (y - first));
        return years.boxed().flatMap(year -> query(r -> {
            r.indexName(JOBS_BY_CREATION_INDEX)
                    .keyConditionExpression("#year = :year AND #created BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#year", CREATION_YEAR, "#created", CREATION_TIME))
                    .expressionAttributeValues(Map.of(":year", s(Integer.toString(year)),
                            ":from", s(Times.iso(from)), ":to", s(Times.iso(to))))
                    .scanIndexForward(order == Order.OLDEST_FIRST);
            projection.accept(r);
        }));
    }

    /** Every page of one query, fetched as the stream is consumed. */
    private Stream<Map<String, AttributeValue>> query(Consumer<QueryRequest.Builder> request) {
        QueryRequest.Builder builder = QueryRequest.builder().tableName(table);
        request.accept(builder);
        pageSize.ifPresent(builder::limit);
        return dynamoDb.queryPaginator(builder.build()).items().stream();
    }
}
