package io.github.optimizationjobtracker.store;

import static io.github.optimizationjobtracker.store.AttributeValues.s;
import static io.github.optimizationjobtracker.store.TableLayout.*;

import io.github.optimizationjobtracker.classification.FailureCategory;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** What the failure is, in the terms of what to do about it (the classification rules' category). */
    public static final String FAILURE_CATEGORY = "FailureCategory";
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
    /** Set when the SageMaker document did not fit the item (DynamoDB's 400 KB limit) and was left out. */
    public static final String JOB_TRIMMED = "JobTrimmed";
    /** Set when the failure reason itself had to be cut to fit the item. */
    public static final String FAILURE_REASON_TRUNCATED = "FailureReasonTruncated";
    /** What is kept of an enormous failure reason: far more than any person reads, far less than 400 KB. */
    static final int MAX_STORED_REASON_CHARS = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

    public enum HistoryWrite { NEW_STATUS, ALREADY_RECORDED }

    public enum CurrentWrite { APPLIED, STALE }

    /** Result of updating the current record; {@code createdBy} is known once a CloudTrail create was seen. */
    public record CurrentResult(CurrentWrite write, Optional<String> createdBy) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration historyRetention;
    private final JobHistory reads;

    public JobStore(DynamoDbClient dynamoDb, String tableName, Duration historyRetention) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.historyRetention = historyRetention;
        this.reads = new JobHistory(dynamoDb, tableName);
    }

    public String tableName() {
        return tableName;
    }

    /** What recording one sighting did to the history and to the current record. */
    public record Recorded(HistoryWrite history, CurrentResult current) {
    }

    /**
     * Records one sighting of a job: its history entry, then its current record, which only a strictly newer
     * version replaces. {@code creator} is who created this incarnation, when a CloudTrail create told us. The job
     * document is converted once for both items, without its failure reason (stored once, as its own attribute).
     */
    public Recorded record(OptimizationJob job, JobEvent event, Instant now, Optional<String> creator,
                           FailureCategory category) {
        AttributeValue document = AttributeValues.fromJsonWithout(job.document(), FAILURE_REASON);
        HistoryWrite history = recordHistory(job, document, category, event, now);
        return new Recorded(history, writeCurrent(job, document, category, event, now, creator));
    }

    /** One entry per (job incarnation, status): the first sighting wins, later ones are no-ops. */
    private HistoryWrite recordHistory(OptimizationJob job, AttributeValue document, FailureCategory category,
                                       JobEvent event, Instant now) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PARTITION_KEY, s(job.name()));
        item.put(SORT_KEY, s(historyKey(job)));
        item.put(STATUS, s(job.statusValue()));
        item.put(HISTORY_TIME, s(Times.iso(job.lastModifiedTime())));
        item.put(CREATION_TIME, s(Times.iso(job.creationTime())));
        putFacts(item, job, document, category);
        item.put(EVENT_ID, s(event.eventId()));
        item.put(EVENT_ORIGIN, s(event.origin()));
        item.put(RECORDED_AT, s(Times.iso(now)));
        if (!historyRetention.isZero()) {
            item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(now.plus(historyRetention).getEpochSecond())));
        }
        Map<String, AttributeValue> fitted = fitted(job, item);
        try {
            dynamoDb.putItem(r -> r.tableName(tableName).item(fitted)
                    .conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", SORT_KEY)));
            return HistoryWrite.NEW_STATUS;
        } catch (ConditionalCheckFailedException e) {
            return HistoryWrite.ALREADY_RECORDED;
        }
    }

    /**
     * Replaces the current record only with a strictly newer version (a later incarnation, or a later change of
     * the same one), so duplicates rewrite nothing and out-of-order events never roll it back. A record whose
     * creation or change lies in the future is no version at all (only a forged event could have written it) and
     * is replaced.
     */
    private CurrentResult writeCurrent(OptimizationJob job, AttributeValue document, FailureCategory category,
                                       JobEvent event, Instant now, Optional<String> creator) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        StringBuilder set = new StringBuilder("SET ");
        Map<String, AttributeValue> facts = new LinkedHashMap<>();
        facts.put(CURRENT_STATUS, s(job.statusValue()));
        facts.put(STATUS, s(job.statusValue()));
        facts.put(CREATION_TIME, s(Times.iso(job.creationTime())));
        facts.put(CREATION_YEAR, s(Times.year(job.creationTime())));
        facts.put(LAST_MODIFIED_TIME, s(Times.iso(job.lastModifiedTime())));
        facts.put(RECORD_VERSION, s(version(job)));
        putFacts(facts, job, document, category);
        facts.put(EVENT_ID, s(event.eventId()));
        facts.put(EVENT_ORIGIN, s(event.origin()));
        facts.put(RECORDED_AT, s(Times.iso(now)));
        facts = fitted(job, facts);
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
                OUTPUT_LOCATION, OPTIMIZATION_TYPES, JOB_ARN, JOB_DOCUMENT, JOB_TRIMMED, FAILURE_REASON_TRUNCATED, FAILURE_CATEGORY}) {
            if (!facts.containsKey(optional)) {
                names.put("#r" + removed, optional);
                remove.append(removed == 0 ? " REMOVE " : ", ").append("#r").append(removed);
                removed++;
            }
        }
        names.put("#sk", SORT_KEY);
        names.put("#v", RECORD_VERSION);
        names.put("#ct", CREATION_TIME);
        names.put("#mt", LAST_MODIFIED_TIME);
        values.put(":version", s(version(job)));
        values.put(":future", s(Times.iso(now.plus(EventParser.MAX_CLOCK_SKEW))));
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(r -> r.tableName(tableName)
                    .key(currentKey(job.name()))
                    .updateExpression(set.toString() + remove)
                    .conditionExpression("attribute_not_exists(#sk) OR #v < :version OR #ct > :future OR #mt > :future")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new CurrentResult(CurrentWrite.APPLIED,
                    creator.isPresent() ? rememberCreator(job, creator.get()) : createdByOf(updated, job));
        } catch (ConditionalCheckFailedException e) {
            return new CurrentResult(CurrentWrite.STALE, creator.isPresent() ? rememberCreator(job, creator.get())
                    : current(job.name()).flatMap(item -> createdByOf(item, job)));
        }
    }

    /**
     * The item as it can be stored: one that would pass DynamoDB's 400 KB limit keeps its facts, loses the
     * SageMaker document (flagged, DescribeOptimizationJob still has it) and, if need be, the tail of its failure
     * reason (flagged). Failing the write instead would fail the event, and its alert, every time.
     */
    static Map<String, AttributeValue> fitted(OptimizationJob job, Map<String, AttributeValue> item) {
        long size = ItemSize.of(item);
        if (size <= ItemSize.LIMIT) {
            return item;
        }
        Map<String, AttributeValue> trimmed = new LinkedHashMap<>(item);
        AttributeValue document = trimmed.remove(JOB_DOCUMENT);
        if (document != null) {
            trimmed.put(JOB_TRIMMED, s("the SageMaker document (about " + ItemSize.of(document) / 1024 + " KB) did"
                    + " not fit a DynamoDB item; DescribeOptimizationJob returns it"));
        }
        AttributeValue reason = trimmed.get(FAILURE_REASON);
        boolean cutReason = ItemSize.of(trimmed) > ItemSize.LIMIT && reason != null
                && reason.s().length() > MAX_STORED_REASON_CHARS;
        if (cutReason) {
            String text = reason.s();
            int keep = Character.isHighSurrogate(text.charAt(MAX_STORED_REASON_CHARS - 1))
                    ? MAX_STORED_REASON_CHARS - 1 : MAX_STORED_REASON_CHARS;
            trimmed.put(FAILURE_REASON, s(text.substring(0, keep) + "\n[... " + (text.length() - keep)
                    + " more characters not stored: DynamoDB items are limited to 400 KB]"));
            trimmed.put(FAILURE_REASON_TRUNCATED, AttributeValue.fromBool(true));
        }
        if (ItemSize.of(trimmed) > ItemSize.LIMIT) {
            throw new IllegalStateException("the record of " + job.name() + " " + job.statusValue() + " is "
                    + ItemSize.of(trimmed) + " bytes even without its SageMaker document and failure reason");
        }
        LOG.warn("the record of {} {} was {} bytes, over DynamoDB's item limit: stored without the SageMaker document"
                + "{}", job.name(), job.statusValue(), size, cutReason ? " and with its failure reason cut" : "");
        return trimmed;
    }

    /** Who created this incarnation of the job, if a CloudTrail create event told us. */
    private static Optional<String> createdByOf(Map<String, AttributeValue> item, OptimizationJob job) {
        String incarnation = AttributeValues.string(item, CREATED_BY_JOB_CREATED);
        return Times.iso(job.creationTime()).equals(incarnation)
                ? Optional.ofNullable(AttributeValues.string(item, CREATED_BY)) : Optional.empty();
    }

    /** The current record of a job, read consistently: the read side's access pattern, not a second copy of it. */
    public Optional<Map<String, AttributeValue>> current(String jobName) {
        return reads.currentRecord(jobName);
    }

    public static Map<String, AttributeValue> currentKey(String jobName) {
        return Map.of(PARTITION_KEY, s(jobName), SORT_KEY, s(CURRENT_RECORD_KEY));
    }

    /**
     * Sorts as time: creation time, then last-modified time (both fixed-width ISO-8601), then how far along the
     * lifecycle the status is, for two sightings of the same moment (SageMaker may report one time for both).
     */
    static String version(OptimizationJob job) {
        return Times.iso(job.creationTime()) + "|" + Times.iso(job.lastModifiedTime()) + "|"
                + job.status().lifecycleRank();
    }

    static String historyKey(OptimizationJob job) {
        return HISTORY_PREFIX + Times.iso(job.creationTime()) + "#" + job.statusValue();
    }

    /**
     * Names the creator on the current record of this incarnation, unless one is named already: SageMaker refuses a
     * second create of a name in use, so a second creator of the same incarnation could only come from a forgery.
     * Returns the creator on record.
     */
    private Optional<String> rememberCreator(OptimizationJob job, String createdBy) {
        try {
            dynamoDb.updateItem(r -> r.tableName(tableName).key(currentKey(job.name()))
                    .updateExpression("SET #cb = :cb, #cbt = :created")
                    .conditionExpression("attribute_exists(#sk) AND #created = :created"
                            + " AND (attribute_not_exists(#cbt) OR #cbt <> :created)")
                    .expressionAttributeNames(Map.of("#cb", CREATED_BY, "#cbt", CREATED_BY_JOB_CREATED,
                            "#sk", SORT_KEY, "#created", CREATION_TIME))
                    .expressionAttributeValues(Map.of(":cb", s(createdBy), ":created", s(Times.iso(job.creationTime())))));
            return Optional.of(createdBy);
        } catch (ConditionalCheckFailedException e) {
            // a creator already named, or no record of this incarnation: what is on record stands
            return current(job.name()).flatMap(item -> createdByOf(item, job));
        }
    }

    private static void putFacts(Map<String, AttributeValue> item, OptimizationJob job, AttributeValue document,
                                 FailureCategory category) {
        putIfPresent(item, JOB_ARN, job.arn());
        putIfPresent(item, FAILURE_REASON, job.failureReason());
        if (category != null) {
            item.put(FAILURE_CATEGORY, s(category.name()));
        }
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
