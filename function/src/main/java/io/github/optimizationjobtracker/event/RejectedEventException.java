package io.github.optimizationjobtracker.event;

/**
 * An event this processor cannot act on. The message names the event id and what was wrong. It propagates so
 * Lambda's retries end with the event in the dead-letter queue, where an operator can read it: nothing is dropped.
 */
public final class RejectedEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String eventId;
    private final String reason;

    public RejectedEventException(String eventId, String reason) {
        super("Rejected event " + (eventId == null ? "(no id)" : eventId) + ": " + reason);
        this.eventId = eventId;
        this.reason = reason;
    }

    public String eventId() {
        return eventId;
    }

    public String reason() {
        return reason;
    }
}
