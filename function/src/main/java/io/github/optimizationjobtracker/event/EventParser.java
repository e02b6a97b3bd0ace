package io.github.optimizationjobtracker.event;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.config.JobStatuses;
import io.github.optimizationjobtracker.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Turns an EventBridge event into a {@link JobEvent}, or rejects it with a reason. Accepts the tracker's own
 * state-change events, a native {@code aws.sagemaker} state change (should AWS ever send one), and the CloudTrail
 * records of Create/Stop/DeleteOptimizationJob, including failed calls.
 */
public final class EventParser {

    public JobEvent parse(ScheduledEvent event) {
        String id = event.getId();
        if (id == null || id.isBlank()) {
            throw new RejectedEventException(null, "event has no id; is this an EventBridge event?");
        }
        String source = event.getSource();
        if (!EventContract.TRACKER_SOURCE.equals(source) && !EventContract.SAGEMAKER_SOURCE.equals(source)) {
            throw new RejectedEventException(id, "source " + JobNames.quote(source) + " is not handled (expected "
                    + EventContract.TRACKER_SOURCE + " or " + EventContract.SAGEMAKER_SOURCE + ")");
        }
        Map<String, Object> detailMap = event.getDetail();
        if (detailMap == null || detailMap.isEmpty()) {
            throw new RejectedEventException(id, "event has no detail");
        }
        JsonNode detail = Json.fromPlain(detailMap);
        Instant eventTime = event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis());
        String detailType = event.getDetailType();
        if (EventContract.STATE_CHANGE_DETAIL_TYPE.equals(detailType)) {
            return stateChange(id, source, detail, event.getResources(), eventTime);
        }
        if (EventContract.CLOUDTRAIL_DETAIL_TYPE.equals(detailType) && EventContract.SAGEMAKER_SOURCE.equals(source)) {
            return cloudTrailCall(id, source, detail, eventTime);
        }
        throw new RejectedEventException(id, "detail-type " + JobNames.quote(detailType) + " from " + source
                + " is not handled (expected '" + EventContract.STATE_CHANGE_DETAIL_TYPE + "' or '"
                + EventContract.CLOUDTRAIL_DETAIL_TYPE + "')");
    }

    private JobEvent stateChange(String id, String source, JsonNode detail, List<String> resources, Instant time) {
        String arn = Json.text(detail, "OptimizationJobArn");
        String name = Json.text(detail, "OptimizationJobName");
        if (name == null) {
            name = JobNames.fromArn(arn);
        }
        if (name == null && resources != null) {
            name = resources.stream().map(JobNames::fromArn).filter(n -> n != null).findFirst().orElse(null);
        }
        requireValidName(id, name, "detail.OptimizationJobName or an optimization-job ARN in resources");
        String status = Json.text(detail, "OptimizationJobStatus");
        if (status == null) {
            throw new RejectedEventException(id, "detail.OptimizationJobStatus is missing");
        }
        if (!JobStatuses.isKnown(status)) {
            throw new RejectedEventException(id, "detail.OptimizationJobStatus " + JobNames.quote(status)
                    + " is not a known status (expected one of " + JobStatuses.LISTED + ")");
        }
        Instant changed = epochMillis(detail.get("LastModifiedTime"));
        return new JobEvent(id, source, JobEvent.Kind.STATE_CHANGE, name, arn, status,
                changed != null ? changed : time, null, null, Json.text(detail, "FailureReason"),
                epochMillis(detail.get("CreationTime")));
    }

    private JobEvent cloudTrailCall(String id, String source, JsonNode detail, Instant time) {
        String eventSource = Json.text(detail, "eventSource");
        if (!EventContract.CLOUDTRAIL_EVENT_SOURCE.equals(eventSource)) {
            throw new RejectedEventException(id, "detail.eventSource " + JobNames.quote(eventSource)
                    + " is not " + EventContract.CLOUDTRAIL_EVENT_SOURCE);
        }
        String call = Json.text(detail, "eventName");
        JobEvent.Kind kind;
        if (EventContract.CREATE_CALL.equals(call)) {
            kind = JobEvent.Kind.CREATE_CALL;
        } else if (EventContract.STOP_CALL.equals(call)) {
            kind = JobEvent.Kind.STOP_CALL;
        } else if (EventContract.DELETE_CALL.equals(call)) {
            kind = JobEvent.Kind.DELETE_CALL;
        } else {
            throw new RejectedEventException(id, "CloudTrail call " + JobNames.quote(call) + " is not handled (expected "
                    + String.join(", ", EventContract.CLOUDTRAIL_CALLS) + ")");
        }
        String arn = Json.text(detail.get("responseElements"), "optimizationJobArn");
        String name = Json.text(detail.get("requestParameters"), "optimizationJobName");
        if (name == null) {
            name = JobNames.fromArn(arn);
        }
        requireValidName(id, name, "detail.requestParameters.optimizationJobName");
        String errorCode = Json.text(detail, "errorCode");
        JobEvent.CallError error = errorCode == null ? null
                : new JobEvent.CallError(errorCode, Json.text(detail, "errorMessage"));
        Instant callTime = isoOrNull(Json.text(detail, "eventTime"));
        return new JobEvent(id, source, kind, name, arn, null, callTime != null ? callTime : time,
                initiator(detail.get("userIdentity")), error, null, null);
    }

    private static void requireValidName(String id, String name, String where) {
        if (name == null) {
            throw new RejectedEventException(id, "no optimization job name found in " + where);
        }
        if (!JobNames.isValid(name)) {
            throw new RejectedEventException(id, "job name " + JobNames.quote(name)
                    + " does not match SageMaker's pattern " + JobNames.NAME.pattern() + " (1-63 characters)");
        }
    }

    private static String initiator(JsonNode identity) {
        if (identity == null) {
            return null;
        }
        String arn = Json.text(identity, "arn");
        return arn != null ? arn : Json.text(identity, "principalId");
    }

    private static Instant epochMillis(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.decimalValue().longValue());
        }
        String text = value.asText();
        try {
            return Instant.ofEpochMilli(new BigDecimal(text).longValue());
        } catch (NumberFormatException e) {
            return isoOrNull(text);
        }
    }

    private static Instant isoOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
