package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.json.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.json.AttributeValues;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.sagemaker.OptimizationJob;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Writes a job's current record and its history with conditional writes only (no transactions: the local
 * stand-in has none, and none are needed). Each write is idempotent, so a retried or duplicated event is harmless.
 */
public final class JobStore {
    /** Attributes of the current record besides the keys and indexes. */
    public static final String JOB_ARN = "JobArn";
    public static final String STATUS = "Status";
    public static final String RECORD_VERSION = "RecordVersion";
    public static final String FAILURE_REASON = "FailureReason";
    public static final String INSTANCE_TYPE = "DeploymentInstanceType";
    public static final String OPTIMIZATION_TYPES = "OptimizationTypes";
    public static final String MODEL_SOURCE = "ModelSource";
    public static final String OUTPUT_LOCATION = "OutputLocation";
    public static final String START_TIME = "OptimizationStartTime";
    public static final String END_TIME = "OptimizationEndTime";
    public static final String CREATED_BY = "CreatedBy";
    /** The creation time of the job incarnation {@link #CREATED_BY} belongs to (job names can be reused). */
    public static final String CREATED_BY_JOB_CREATED = "CreatedByJobCreationTime";
    public static final String JOB_DOCUMENT = "Job";
    public static final String EVENT_ID = "EventId";
    public static final String EVENT_ORIGIN = "EventOrigin";
    public static final String RECORDED_AT = "RecordedAt";

    public enum HistoryWrite { NEW_STATUS, ALREADY_RECORDED }

    public enum CurrentWrite { APPLIED, STALE }

    /** Result of updating the current record; {@code createdBy} is known once a CloudTrail create was seen. */
    public record CurrentResult(CurrentWrite write, Optional<String> createdBy) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration historyRetention;

    public JobStore(DynamoDbClient dynamoDb, String tableName, Duration historyRetention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.historyRetention = historyRetention;
    }

    public String tableName() {
        return tableName;
    }

    /** What recording one sighting did to the history and to the current record. */
    public record Recorded(HistoryWrite history, CurrentResult current) {
    }

    /**
     * Records one sighting of a job: its history entry, then its current record, which is replaced only by one at
     * least as new or, with {@code currentOnlyIfAbsent}, written only if the job has none (a failed create must not
     * replace a real job). The job document is converted once for both items.
     */
    public Recorded record(OptimizationJob job, JobEvent event, Instant now, boolean currentOnlyIfAbsent) {
        AttributeValue document = AttributeValues.fromJson(job.document());
        HistoryWrite history = recordHistory(job, document, event, now);
        return new Recorded(history, writeCurrent(job, document, event, now, currentOnlyIfAbsent));
    }

    /** One entry per (job incarnation, status): the first sighting wins, later ones are no-ops. */
    private HistoryWrite recordHistory(OptimizationJob job, AttributeValue document, JobEvent event, Instant now) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PARTITION_KEY, s(job.name()));
        item.put(SORT_KEY, s(historyKey(job)));
        item.put(STATUS, s(job.status()));
        item.put(HISTORY_TIME, s(Times.iso(job.lastModifiedTime())));
        item.put(CREATION_TIME, s(Times.iso(job.creationTime())));
        putFacts(item, job, document);
        item.put(EVENT_ID, s(event.eventId()));
        item.put(EVENT_ORIGIN, s(event.origin()));
        item.put(RECORDED_AT, s(Times.iso(now)));
        if (!historyRetention.isZero()) {
            item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(historyRetention).getEpochSecond())));
        }
        try {
            dynamoDb.putItem(r -> r.tableName(tableName).item(item)
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", SORT_KEY)));
            return HistoryWrite.NEW_STATUS;
        } catch (ConditionalCheckFailedException e) {
            return HistoryWrite.ALREADY_RECORDED;
        }
    }

    /**
     * Replaces the current record only with one at least as new (same or later creation, then last-modified time),
     * so out-of-order and duplicate events never roll it back; with {@code onlyIfAbsent}, only creates it.
     */
    private CurrentResult writeCurrent(OptimizationJob job, AttributeValue document, JobEvent event, Instant now,
                                       boolean onlyIfAbsent) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        Map<String, AttributeValue> facts = new LinkedHashMap<>();
        facts.put(CURRENT_STATUS, s(job.status()));
        facts.put(STATUS, s(job.status()));
        facts.put(CREATION_TIME, s(Times.iso(job.creationTime())));
        facts.put(CREATION_YEAR, s(Times.year(job.creationTime())));
        facts.put(LAST_MODIFIED_TIME, s(Times.iso(job.lastModifiedTime())));
        facts.put(RECORD_VERSION, s(version(job)));
        putFacts(facts, job, document);
        facts.put(EVENT_ID, s(event.eventId()));
        facts.put(EVENT_ORIGIN, s(event.origin()));
        facts.put(RECORDED_AT, s(Times.iso(now)));
        int i = 0;
        for (Map.Entry<String, AttributeValue> fact : facts.entrySet()) {
            names.put("#a" + i, fact.getKey());
            values.put(":a" + i, fact.getValue());
            set.append(i == 0 ? "" : ", ").append("#a").append(i).append(" = :a").append(i);
            i++;
        }
        // Attributes this write does not know about anymore (e.g. FailureReason of an earlier incarnation).
        StringBuilder remove = new StringBuilder();
        int removed = 0;
        for (String optional : new String[] {FAILURE_REASON, START_TIME, END_TIME, INSTANCE_TYPE, MODEL_SOURCE,
                OUTPUT_LOCATION, OPTIMIZATION_TYPES, JOB_ARN}) {
            if (!facts.containsKey(optional)) {
                names.put("#r" + removed, optional);
                remove.append(removed == 0 ? " REMOVE " : ", ").append("#r").append(removed);
                removed++;
            }
        }
        String createdBy = event.kind() == JobEvent.Kind.CREATE_CALL ? event.initiator() : null;
        if (createdBy != null) {
            names.put("#cb", CREATED_BY);
            names.put("#cbt", CREATED_BY_JOB_CREATED);
            values.put(":cb", s(createdBy));
            values.put(":cbt", s(Times.iso(job.creationTime())));
            set.append(", #cb = :cb, #cbt = :cbt");
        }
        names.put("#sk", SORT_KEY);
        String condition = "attribute_not_exists(#sk)";
        if (!onlyIfAbsent) {
            names.put("#v", RECORD_VERSION);
            values.put(":version", s(version(job)));
            condition += " OR #v <= :version";
        }
        String finalCondition = condition;
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(currentKey(job.name()))
                    .updateExpression(set.toString() + remove)
                    .conditionExpression(finalCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new CurrentResult(CurrentWrite.APPLIED, createdByOf(updated, job));
        } catch (ConditionalCheckFailedException e) {
            if (createdBy != null && !onlyIfAbsent) {
                rememberCreator(job, createdBy);
            }
            return new CurrentResult(CurrentWrite.STALE, current(job.name()).flatMap(item -> createdByOf(item, job)));
        }
    }

    /** Who created this incarnation of the job, if a CloudTrail create event told us. */
    private static Optional<String> createdByOf(Map<String, AttributeValue> item, OptimizationJob job) {
        String incarnation = AttributeValues.string(item, CREATED_BY_JOB_CREATED);
        return Times.iso(job.creationTime()).equals(incarnation)
                ? Optional.ofNullable(AttributeValues.string(item, CREATED_BY)) : Optional.empty();
    }

    /** The current record of a job, read consistently. */
    public Optional<Map<String, AttributeValue>> current(String jobName) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName)
                .key(currentKey(jobName)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    public static Map<String, AttributeValue> currentKey(String jobName) {
        return Map.of(PARTITION_KEY, s(jobName), SORT_KEY, s(CURRENT_RECORD_KEY));
    }

    /** Sorts as time: creation time, then last-modified time, both fixed-width ISO-8601. */
    static String version(OptimizationJob job) {
        return Times.iso(job.creationTime()) + "|" + Times.iso(job.lastModifiedTime());
    }

    static String historyKey(OptimizationJob job) {
        return HISTORY_PREFIX + Times.iso(job.creationTime()) + "#" + job.status();
    }

    /** Annotates a newer current record of the same incarnation with its creator. */
    private void rememberCreator(OptimizationJob job, String createdBy) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(currentKey(job.name()))
                    .updateExpression("SET #cb = :cb, #cbt = :created")
                    .conditionExpression("attribute_exists(#sk) AND #created = :created")
                    .expressionAttributeNames(Map.of("#cb", CREATED_BY, "#cbt", CREATED_BY_JOB_CREATED,
                            "#sk", SORT_KEY, "#created", CREATION_TIME))
                    .expressionAttributeValues(Map.of(":cb", s(createdBy), ":created", s(Times.iso(job.creationTime())))));
        } catch (ConditionalCheckFailedException e) {
            // no record of this incarnation: nothing to annotate
        }
    }

    private static void putFacts(Map<String, AttributeValue> item, OptimizationJob job, AttributeValue document) {
        putIfPresent(item, JOB_ARN, job.arn());
        putIfPresent(item, FAILURE_REASON, job.failureReason());
        putIfPresent(item, INSTANCE_TYPE, job.instanceType());
        putIfPresent(item, MODEL_SOURCE, job.modelSource());
        putIfPresent(item, OUTPUT_LOCATION, job.outputLocation());
        putIfPresent(item, START_TIME, Times.iso(job.startTime()));
        putIfPresent(item, END_TIME, Times.iso(job.endTime()));
        if (!job.optimizationTypes().isEmpty()) {
            item.put(OPTIMIZATION_TYPES, AttributeValue.fromL(job.optimizationTypes().stream().map(AttributeValue::fromS).toList()));
        }
        item.put(JOB_DOCUMENT, document);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
