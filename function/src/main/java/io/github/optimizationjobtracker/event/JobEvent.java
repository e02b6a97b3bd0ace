package io.github.optimizationjobtracker.event;

import java.time.Instant;

/**
 * What an EventBridge event says about one optimization job, whatever its shape.
 *
 * @param reportedStatus the status the event claims (state-change events only), or null
 * @param initiator      who made the API call (CloudTrail events only), or null
 * @param callError      the error of a failed API call (CloudTrail {@code errorCode}), or null
 * @param failureReason  the failure reason the event carries (state-change events), or null
 * @param reportedCreationTime the job's creation time the event carries (state-change events), or null: it tells
 *                       incarnations of a reused job name apart
 */
public record JobEvent(String eventId, String source, Kind kind, String jobName, String jobArn, String reportedStatus,
                       Instant eventTime, String initiator, CallError callError, String failureReason,
                       Instant reportedCreationTime) {

    public enum Kind { STATE_CHANGE, CREATE_CALL, STOP_CALL, DELETE_CALL }

    public record CallError(String code, String message) {
        public String describe() {
            return message == null ? code : code + ": " + message;
        }
    }

    public boolean isFailedCreate() {
        return kind == Kind.CREATE_CALL && callError != null;
    }

    public boolean isSuccessfulDelete() {
        return kind == Kind.DELETE_CALL && callError == null;
    }

    /** A short label for logs and the history entry: where this sighting came from. */
    public String origin() {
        return switch (kind) {
            case STATE_CHANGE -> source + " state change";
            case CREATE_CALL -> "CloudTrail CreateOptimizationJob" + (callError == null ? "" : " (failed)");
            case STOP_CALL -> "CloudTrail StopOptimizationJob" + (callError == null ? "" : " (failed)");
            case DELETE_CALL -> "CloudTrail DeleteOptimizationJob" + (callError == null ? "" : " (failed)");
        };
    }
}
