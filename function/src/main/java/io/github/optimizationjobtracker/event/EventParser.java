package io.github.optimizationjobtracker.event;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.job.JobStatus;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.redaction.SecretRedactor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns an EventBridge event into a {@link JobEvent}, or rejects it with a reason that names the event and what
 * was wrong. Accepts the tracker's own state-change events (whole, partial, or with only {@code resources} naming
 * the job), a native {@code aws.sagemaker} state change (should AWS ever send one), and the CloudTrail records of
 * Create/Stop/DeleteOptimizationJob, including failed calls, as raw events or as the stack's rules deliver them.
 */
public final class EventParser {
    /** How far ahead of this function's clock an event's time may be before it is not a time at all. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Earlier than any time an AWS service could have recorded about an optimization job. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final Clock clock;

    public EventParser(Clock clock) {
        this.clock = clock;
    }

    /** A plain EventBridge event from the runtime's type, as if invoked directly. */
    public JobEvent parse(ScheduledEvent event) {
        return parse(DeliveredEvent.direct(EventBridgeEvent.of(event)));
    }

    public JobEvent parse(DeliveredEvent delivered) {
        EventBridgeEvent event = delivered.event();
        String id = event.id();
        if (id == null || id.isBlank()) {
            throw new RejectedEventException(null, "event has no id; is this an EventBridge event?");
        }
        String source = event.source();
        if (!EventContract.TRACKER_SOURCE.equals(source) && !EventContract.SAGEMAKER_SOURCE.equals(source)) {
            throw new RejectedEventException(id, "source " + JobNames.quote(source) + " is not handled (expected "
                    + EventContract.TRACKER_SOURCE + " or " + EventContract.SAGEMAKER_SOURCE + ")");
        }
        JsonNode detail = event.detail();
        Instant eventTime = event.time();
        plausible(id, "time", eventTime);
        String detailType = event.detailType();
        if (EventContract.STATE_CHANGE_DETAIL_TYPE.equals(detailType)) {
            return stateChange(id, source, event, detail, eventTime, delivered.route());
        }
        if (EventContract.CLOUDTRAIL_DETAIL_TYPE.equals(detailType) && EventContract.SAGEMAKER_SOURCE.equals(source)) {
            if (detail.isEmpty()) {
                throw new RejectedEventException(id, "event has no detail");
            }
            return cloudTrailCall(id, source, event, detail, eventTime, delivered.route());
        }
        throw new RejectedEventException(id, "detail-type " + JobNames.quote(detailType) + " from " + source
                + " is not handled (expected '" + EventContract.STATE_CHANGE_DETAIL_TYPE + "' or '"
                + EventContract.CLOUDTRAIL_DETAIL_TYPE + "')");
    }

    private JobEvent stateChange(String id, String source, EventBridgeEvent event, JsonNode detail, Instant time,
                                 JobEvent.Route route) {
        String arn = Json.text(detail, "OptimizationJobArn");
        String name = Json.text(detail, "OptimizationJobName");
        if (name == null) {
            name = JobNames.fromArn(arn);
        }
        List<String> resources = event.resources();
        if (name == null && resources != null) {
            for (String resource : resources) {
                if (name == null && JobNames.fromArn(resource) != null) {
                    name = JobNames.fromArn(resource);
                    arn = resource;
                }
            }
        }
        if (name == null && detail.isEmpty()) {
            throw new RejectedEventException(id, "event has no detail, and no optimization-job ARN in resources");
        }
        requireValidName(id, name, "detail.OptimizationJobName or an optimization-job ARN in resources");
        String statusValue = Json.text(detail, "OptimizationJobStatus");
        if (statusValue != null && !JobStatus.isKnown(statusValue)) {
            throw new RejectedEventException(id, "detail.OptimizationJobStatus " + JobNames.quote(statusValue)
                    + " is not a known status (expected one of " + JobStatus.LISTED + ")");
        }
        JobStatus status = statusValue == null ? null : JobStatus.of(statusValue);
        Instant created = time(id, detail, "CreationTime");
        Instant changed = time(id, detail, "LastModifiedTime");
        time(id, detail, "OptimizationStartTime");
        time(id, detail, "OptimizationEndTime");
        String region = event.region();
        if (arn == null) {
            arn = JobNames.arn(region, event.account(), name);
        }
        return JobEvent.stateChange(id, source, name, arn, region, changed != null ? changed : time, route,
                new JobEvent.Claims(status, created, changed));
    }

    private JobEvent cloudTrailCall(String id, String source, EventBridgeEvent event, JsonNode detail, Instant time,
                                    JobEvent.Route route) {
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
        JsonNode request = detail.get("requestParameters");
        String arn = Json.text(detail.get("responseElements"), "optimizationJobArn");
        String name = Json.text(request, "optimizationJobName");
        if (name == null) {
            name = JobNames.fromArn(arn);
        }
        if (name == null) {
            throw new RejectedEventException(id, "the CloudTrail record of " + call + " has no"
                    + " detail.requestParameters.optimizationJobName (CloudTrail leaves request parameters out of"
                    + " records too large to deliver); the job cannot be identified");
        }
        String errorCode = Json.text(detail, "errorCode");
        if (errorCode != null && !JobNames.isValid(name)) {
            // The call failed, perhaps because of this very name: keep it (bounded, printable) to say so.
            name = JobNames.printable(name);
        } else {
            requireValidName(id, name, "detail.requestParameters.optimizationJobName");
        }
        String region = Json.text(detail, "awsRegion") != null ? Json.text(detail, "awsRegion") : event.region();
        String account = Json.text(detail, "recipientAccountId") != null ? Json.text(detail, "recipientAccountId")
                : event.account();
        if (arn == null && JobNames.isValid(name)) {
            arn = JobNames.arn(region, account, name);
        }
        JobEvent.CallError error = errorCode == null ? null : new JobEvent.CallError(
                SecretRedactor.redactBounded(errorCode, 200),
                SecretRedactor.redactBounded(Json.text(detail, "errorMessage"), 8 * 1024));
        Instant callTime = iso(id, "detail.eventTime", Json.text(detail, "eventTime"));
        JobEvent.CreateRequest facts = kind == JobEvent.Kind.CREATE_CALL && request != null
                ? new JobEvent.CreateRequest(Json.text(request, "deploymentInstanceType"),
                        Json.text(request, "roleArn"), modelSource(request.get("modelSource")),
                        Json.text(request.get("outputConfig"), "s3OutputLocation"))
                : JobEvent.CreateRequest.NONE;
        return JobEvent.apiCall(id, source, kind, name, arn, region, callTime != null ? callTime : time, route,
                new JobEvent.ApiCall(initiator(detail.get("userIdentity")), error, facts));
    }

    /** CloudTrail's camel-case copy of the request's {@code modelSource}. */
    private static String modelSource(JsonNode source) {
        return source == null ? null : OptimizationJob.modelSource(Json.text(source.get("s3"), "s3Uri"),
                Json.text(source.get("sageMakerModel"), "modelName"));
    }

    private static void requireValidName(String id, String name, String where) {
        if (name == null) {
            throw new RejectedEventException(id, "no optimization job name found in " + where);
        }
        if (!JobNames.isValid(name)) {
            throw new RejectedEventException(id, "job name " + JobNames.quote(name) + " (" + name.length()
                    + " characters) does not match SageMaker's rule: 1-" + JobNames.MAX_LENGTH
                    + " characters, letters, digits and inner dashes (" + JobNames.NAME.pattern() + ")");
        }
    }

    private static String initiator(JsonNode identity) {
        if (identity == null) {
            return null;
        }
        String arn = Json.text(identity, "arn");
        if (arn != null) {
            return arn;
        }
        String service = Json.text(identity, "invokedBy");
        return service != null ? service : Json.text(identity, "principalId");
    }

    /** A time field of the detail in epoch milliseconds (or ISO-8601), checked; null when absent. */
    private Instant time(String id, JsonNode detail, String field) {
        JsonNode value = detail.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Instant instant;
        if (value.isNumber()) {
            instant = millis(id, field, value.decimalValue());
        } else {
            String text = value.asText();
            try {
                instant = millis(id, field, new BigDecimal(text));
            } catch (NumberFormatException e) {
                instant = iso(id, "detail." + field, text);
            }
        }
        plausible(id, "detail." + field, instant);
        return instant;
    }

    private static Instant millis(String id, String field, BigDecimal millis) {
        try {
            return Instant.ofEpochMilli(millis.longValueExact());
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new RejectedEventException(id, "detail." + field + " " + JobNames.quote(millis.toPlainString())
                    + " is not a time in epoch milliseconds");
        }
    }

    private Instant iso(String id, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = Times.parse(text);
            plausible(id, field, instant);
            return instant;
        } catch (DateTimeParseException e) {
            throw new RejectedEventException(id, field + " " + JobNames.quote(text) + " is not an ISO-8601 time");
        }
    }

    /** A time no earlier than {@link #EARLIEST} and no later than this function's clock allows. */
    private void plausible(String id, String field, Instant instant) {
        if (instant == null) {
            return;
        }
        if (instant.isBefore(EARLIEST)) {
            throw new RejectedEventException(id, field + " " + instant + " is before " + EARLIEST
                    + ": no time SageMaker or CloudTrail could have recorded");
        }
        Instant latest = clock.instant().plus(MAX_CLOCK_SKEW);
        if (instant.isAfter(latest)) {
            throw new RejectedEventException(id, field + " " + instant + " is in the future (more than "
                    + MAX_CLOCK_SKEW.toMinutes() + " minutes past this function's clock, " + clock.instant()
                    + "): no time SageMaker or CloudTrail could have recorded");
        }
    }
}
