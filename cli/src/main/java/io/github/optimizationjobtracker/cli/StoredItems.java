package io.github.optimizationjobtracker.cli;

import static io.github.optimizationjobtracker.store.TableLayout.CREATION_TIME;
import static io.github.optimizationjobtracker.store.TableLayout.CURRENT_STATUS;
import static io.github.optimizationjobtracker.store.TableLayout.HISTORY_TIME;
import static io.github.optimizationjobtracker.store.TableLayout.LAST_MODIFIED_TIME;
import static io.github.optimizationjobtracker.store.TableLayout.PARTITION_KEY;
import static io.github.optimizationjobtracker.store.TableLayout.REJECTED_CREATE_PREFIX;
import static io.github.optimizationjobtracker.store.TableLayout.REJECTED_CREATE_STATUS;
import static io.github.optimizationjobtracker.store.TableLayout.SORT_KEY;

import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.RejectedCreates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the table's items (as JobStore and RejectedCreates write them) into the tracker's own types. */
final class StoredItems {
    private StoredItems() {
    }

    /** A current record, or a rejected create as the status index lists it. */
    static JobRecord job(Map<String, AttributeValue> item) {
        if (text(item, SORT_KEY) != null && text(item, SORT_KEY).startsWith(REJECTED_CREATE_PREFIX)) {
            return rejectedAsJob(item);
        }
        Instant created = time(item, CREATION_TIME);
        // CreatedBy stays on the record when the name is reused; it names this incarnation's creator only if the
        // incarnation it was recorded for is this one.
        String createdBy = Objects.equals(text(item, JobStore.CREATED_BY_JOB_CREATED), text(item, CREATION_TIME))
                ? text(item, JobStore.CREATED_BY) : null;
        return new JobRecord(text(item, PARTITION_KEY), text(item, JobStore.JOB_ARN), text(item, CURRENT_STATUS),
                created, time(item, LAST_MODIFIED_TIME), time(item, JobStore.START_TIME), time(item, JobStore.END_TIME),
                text(item, JobStore.FAILURE_REASON), text(item, JobStore.FAILURE_CATEGORY),
                text(item, JobStore.INSTANCE_TYPE), texts(item, JobStore.OPTIMIZATION_TYPES),
                text(item, JobStore.MODEL_SOURCE), text(item, JobStore.OUTPUT_LOCATION), createdBy);
    }

    static RejectedCreate rejectedCreate(Map<String, AttributeValue> item) {
        return new RejectedCreate(time(item, LAST_MODIFIED_TIME), text(item, RejectedCreates.ERROR_CODE),
                text(item, RejectedCreates.ERROR_MESSAGE), text(item, RejectedCreates.CALLED_BY),
                text(item, JobStore.FAILURE_CATEGORY), text(item, JobStore.INSTANCE_TYPE),
                text(item, RejectedCreates.ALERT_DECISION));
    }

    /** A history entry: the status, when it was reached, and the incarnation it belongs to. */
    record HistoryEntry(Instant at, String status, Instant incarnation, String origin) {
    }

    static HistoryEntry historyEntry(Map<String, AttributeValue> item) {
        return new HistoryEntry(time(item, HISTORY_TIME), text(item, JobStore.STATUS), time(item, CREATION_TIME),
                text(item, JobStore.EVENT_ORIGIN));
    }

    private static JobRecord rejectedAsJob(Map<String, AttributeValue> item) {
        RejectedCreate rejected = rejectedCreate(item);
        String reason = rejected.errorMessage() == null ? rejected.errorCode()
                : rejected.errorCode() + ": " + rejected.errorMessage();
        return new JobRecord(text(item, PARTITION_KEY), text(item, JobStore.JOB_ARN), REJECTED_CREATE_STATUS, null,
                rejected.calledAt(), null, null, reason, rejected.category(), rejected.instanceType(), List.of(),
                text(item, JobStore.MODEL_SOURCE), text(item, JobStore.OUTPUT_LOCATION), rejected.calledBy());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static List<String> texts(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }
}
