package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.classification.FailureCategory;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.json.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records rejected CreateOptimizationJob calls as items of their own, one per CloudTrail event, beside (never as)
 * the job's current record: a rejected create says nothing about a job of that name that may exist, and must not
 * hide it from the poller.
 */
public final class RejectedCreates {
    public static final String ERROR_CODE = "ErrorCode";
    public static final String ERROR_MESSAGE = "ErrorMessage";
    public static final String CALLED_BY = "CalledBy";
    public static final String ROLE_ARN = "RoleArn";
    public static final String ALERT_DECISION = "AlertDecision";

    public enum Write { NEW, ALREADY_RECORDED }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration retention;

    public RejectedCreates(DynamoDbClient dynamoDb, String tableName, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.retention = retention;
    }

    /** Stores the rejected call once (a replayed event is a no-op) with the decision taken on alerting. */
    public Write record(JobEvent event, String alertDecision, FailureCategory category, Instant now) {
        JobEvent.CallError error = event.callError();
        JobEvent.CreateRequest request = event.call().request();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PARTITION_KEY, s(event.jobName()));
        item.put(SORT_KEY, s(REJECTED_CREATE_PREFIX + Times.iso(event.eventTime()) + "#" + event.eventId()));
        item.put(CURRENT_STATUS, s(REJECTED_CREATE_STATUS));
        item.put(LAST_MODIFIED_TIME, s(Times.iso(event.eventTime())));
        item.put(ERROR_CODE, s(error.code()));
        putIfPresent(item, ERROR_MESSAGE, error.message());
        putIfPresent(item, CALLED_BY, event.initiator());
        putIfPresent(item, JobStore.JOB_ARN, event.jobArn());
        putIfPresent(item, JobStore.INSTANCE_TYPE, request.instanceType());
        putIfPresent(item, ROLE_ARN, request.roleArn());
        putIfPresent(item, JobStore.MODEL_SOURCE, request.modelSource());
        putIfPresent(item, JobStore.OUTPUT_LOCATION, request.outputLocation());
        item.put(ALERT_DECISION, s(alertDecision));
        item.put(JobStore.FAILURE_CATEGORY, s(category.name()));
        item.put(JobStore.EVENT_ID, s(event.eventId()));
        item.put(JobStore.EVENT_ORIGIN, s(event.origin()));
        item.put(JobStore.RECORDED_AT, s(Times.iso(now)));
        if (!retention.isZero()) {
            item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(retention).getEpochSecond())));
        }
        try {
            dynamoDb.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", SORT_KEY)));
            return Write.NEW;
        } catch (ConditionalCheckFailedException e) {
            return Write.ALREADY_RECORDED;
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
