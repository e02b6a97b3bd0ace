package io.github.optimizationjobtracker.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;

/** What processing one event did; returned by the handler so {@code sam local invoke} shows it. */
public record ProcessingResult(String eventId, String jobName, String status, boolean newStatus,
                               boolean currentUpdated, String alert) {

    public static final String NO_ALERT = "NONE";

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("eventId", eventId);
        json.put("jobName", jobName);
        json.put("status", status);
        json.put("newStatus", newStatus);
        json.put("currentRecordUpdated", currentUpdated);
        json.put("alert", alert);
        return json;
    }
}
