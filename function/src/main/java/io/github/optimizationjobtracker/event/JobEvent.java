package io.github.optimizationjobtracker.event;

import io.github.optimizationjobtracker.job.JobStatus;
import java.time.Instant;

/**
 * What an EventBridge event says about one optimization job, whatever its shape. An event is a hint: the processor
 * asks SageMaker for the truth, and believes a state change's own claims only where SageMaker cannot answer and the
 * poller recorded emitting that very change (store/EmittedChanges): no field of an event can vouch for itself.
 *
 * @param jobArn  the job's ARN as the event gives it, or as it is built from the event's account and region
 * @param region  the region the event is about (envelope or CloudTrail {@code awsRegion}), or null
 * @param claims  what a state-change event reports about the job (null for API calls)
 * @param call    the CloudTrail record of an API call (null for state changes)
 */
public record JobEvent(String eventId, String source, Kind kind, String jobName, String jobArn, String region,
                       Instant eventTime, Route route, Claims claims, ApiCall call) {

    public enum Kind { STATE_CHANGE, CREATE_CALL, STOP_CALL, DELETE_CALL }

    /**
     * How the event says it reached the processor: which of the stack's rules delivered it, or none (a native
     * event, a direct invocation, {@code sam local invoke}, a replay by hand). Anyone who may invoke the function can
     * write this field; it labels the event's origin and decides no trust by itself.
     */
    public enum Route {
        TRACKER_BUS("tracker-bus"), CLOUDTRAIL_RULE("cloudtrail"), DIRECT("direct");

        private final String label;

        Route(String label) {
            this.label = label;
        }

        /** The value of the {@code route} field the stack's input transformers write. */
        public String label() {
            return label;
        }
    }

    /**
     * A state-change event's report. Every part may be null: a partial event is still a hint. (A failure reason in
     * an event is never used: the poller's events carry none, so one there was written by someone else.)
     */
    public record Claims(JobStatus status, Instant creationTime, Instant lastModifiedTime) {
        public static final Claims NONE = new Claims(null, null, null);
    }

    /** A CloudTrail API call: who made it, whether it failed, and (for a rejected create) what was asked for. */
    public record ApiCall(String initiator, CallError error, CreateRequest request) {
    }

    public record CallError(String code, String message) {
        public String describe() {
            return message == null ? code : code + ": " + message;
        }
    }

    /** The facts of a CreateOptimizationJob request that a rejected create's alert carries. All may be null. */
    public record CreateRequest(String instanceType, String roleArn, String modelSource, String outputLocation) {
        public static final CreateRequest NONE = new CreateRequest(null, null, null, null);
    }

    public static JobEvent stateChange(String eventId, String source, String jobName, String jobArn, String region,
                                       Instant eventTime, Route route, Claims claims) {
        return new JobEvent(eventId, source, Kind.STATE_CHANGE, jobName, jobArn, region, eventTime, route, claims,
                null);
    }

    public static JobEvent apiCall(String eventId, String source, Kind kind, String jobName, String jobArn,
                                   String region, Instant callTime, Route route, ApiCall call) {
        return new JobEvent(eventId, source, kind, jobName, jobArn, region, callTime, route, Claims.NONE, call);
    }

    public JobStatus reportedStatus() {
        return claims.status();
    }

    public String initiator() {
        return call == null ? null : call.initiator();
    }

    public CallError callError() {
        return call == null ? null : call.error();
    }

    public boolean isFailedCreate() {
        return kind == Kind.CREATE_CALL && callError() != null;
    }

    /** A state change that says it comes from the poller and names a status and an incarnation to check. */
    public boolean isCheckablePollerClaim() {
        return kind == Kind.STATE_CHANGE && EventContract.TRACKER_SOURCE.equals(source) && claims.status() != null
                && claims.creationTime() != null;
    }

    /** A short label for logs and the history entry: where this sighting came from. */
    public String origin() {
        String via = route == Route.DIRECT ? " (direct)" : "";
        return switch (kind) {
            case STATE_CHANGE -> source + " state change" + (route == Route.TRACKER_BUS ? " (tracker bus)" : via);
            case CREATE_CALL -> "CloudTrail CreateOptimizationJob" + (callError() == null ? "" : " (failed)") + via;
            case STOP_CALL -> "CloudTrail StopOptimizationJob" + (callError() == null ? "" : " (failed)") + via;
            case DELETE_CALL -> "CloudTrail DeleteOptimizationJob" + (callError() == null ? "" : " (failed)") + via;
        };
    }
}
