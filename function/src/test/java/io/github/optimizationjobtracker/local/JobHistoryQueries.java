package io.github.optimizationjobtracker.local;

import static io.github.optimizationjobtracker.json.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The four access patterns of the data model, each one GetItem or Query (README shows the same as AWS CLI
 * commands). Pagination is left out: the local data sets fit one page.
 */
public final class JobHistoryQueries {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public JobHistoryQueries(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** 1. The current record of a job. */
    public Optional<Map<String, AttributeValue>> currentRecord(String jobName) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                .key(Map.of(PARTITION_KEY, s(jobName), SORT_KEY, s(CURRENT_RECORD_KEY)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** 2. A job's status history in the order the statuses were reached. */
    public List<Map<String, AttributeValue>> history(String jobName) {
        return dynamoDb.query(r -> r.tableName(table).indexName(HISTORY_BY_TIME_INDEX)
                .keyConditionExpression("#job = :job")
                .expressionAttributeNames(Map.of("#job", PARTITION_KEY))
                .expressionAttributeValues(Map.of(":job", s(jobName)))).items();
    }

    /** A job name's rejected CreateOptimizationJob calls, oldest first (the table's partition, by key prefix). */
    public List<Map<String, AttributeValue>> rejectedCreates(String jobName) {
        return dynamoDb.query(r -> r.tableName(table)
                .keyConditionExpression("#job = :job AND begins_with(#key, :prefix)")
                .expressionAttributeNames(Map.of("#job", PARTITION_KEY, "#key", SORT_KEY))
                .expressionAttributeValues(Map.of(":job", s(jobName), ":prefix", s(REJECTED_CREATE_PREFIX)))).items();
    }

    /** 3. Jobs currently in a status whose last change falls in [from, to], newest first. */
    public List<Map<String, AttributeValue>> inStatusChangedBetween(String status, String fromIso, String toIso) {
        return dynamoDb.query(r -> r.tableName(table).indexName(JOBS_BY_STATUS_INDEX)
                .keyConditionExpression("#status = :status AND #changed BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#status", CURRENT_STATUS, "#changed", LAST_MODIFIED_TIME))
                .expressionAttributeValues(Map.of(":status", s(status), ":from", s(fromIso), ":to", s(toIso)))
                .scanIndexForward(false)).items();
    }

    /** 4. Jobs created on the given days (dates as yyyy-MM-dd, inclusive, within one year). */
    public List<Map<String, AttributeValue>> createdBetweenDays(String firstDay, String lastDay) {
        if (!firstDay.substring(0, 4).equals(lastDay.substring(0, 4))) {
            throw new IllegalArgumentException("one query covers days of one year; split " + firstDay + ".." + lastDay);
        }
        return dynamoDb.query(r -> r.tableName(table).indexName(JOBS_BY_CREATION_INDEX)
                .keyConditionExpression("#year = :year AND #created BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#year", CREATION_YEAR, "#created", CREATION_TIME))
                .expressionAttributeValues(Map.of(":year", s(firstDay.substring(0, 4)),
                        ":from", s(firstDay + "T00:00:00.000Z"), ":to", s(lastDay + "T23:59:59.999Z")))).items();
    }
}
