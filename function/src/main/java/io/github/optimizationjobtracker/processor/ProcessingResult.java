package io.github.optimizationjobtracker.processor;

import io.github.optimizationjobtracker.json.Json;

/** What processing one event did; returned by the handler so {@code sam local invoke} shows it. */
public record ProcessingResult(String eventId, String jobName, String status, boolean newStatus,
                               boolean currentUpdated, String alert) {

    public static final String NO_ALERT = "NONE";

    public String toJson() {
        return Json.object(json -> {
            json.writeStringField("eventId", eventId);
            json.writeStringField("jobName", jobName);
            json.writeStringField("status", status);
            json.writeBooleanField("newStatus", newStatus);
            json.writeBooleanField("currentRecordUpdated", currentUpdated);
            json.writeStringField("alert", alert);
        });
    }
}
