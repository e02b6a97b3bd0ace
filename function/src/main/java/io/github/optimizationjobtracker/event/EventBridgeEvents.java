package io.github.optimizationjobtracker.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an EventBridge event the way the Lambda Java runtime's serializer ({@code aws-lambda-java-serialization})
 * reads it into a {@code ScheduledEvent} (fields, {@code detail-type}, number types, UTC time to the millisecond),
 * but into an {@link EventBridgeEvent} whose detail stays a JSON tree, and without that library's cost: building its
 * mapper is a large share of a cold start. A test (EventBridgeEventsConformanceTest) holds the two equal on every
 * sample event and on edge cases.
 */
public final class EventBridgeEvents {
    private EventBridgeEvents() {
    }

    /** The event, or an {@link IllegalArgumentException} saying why the input is not one. */
    public static EventBridgeEvent read(byte[] json) {
        return read(tree(json));
    }

    /** The JSON tree of the input, or an {@link IllegalArgumentException} saying why it is not JSON. */
    public static JsonNode tree(byte[] json) {
        try {
            return Json.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(firstLine(e.getCause() != null ? e.getCause() : e), e);
        }
    }

    /** The event from its JSON tree, or an {@link IllegalArgumentException} saying why the tree is not one. */
    public static EventBridgeEvent read(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("No content to map due to end-of-input");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + root.getNodeType());
        }
        Instant time = null;
        String timeText = text(root, "time");
        if (timeText != null) {
            try {
                time = Times.parse(timeText).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time '" + timeText + "' is not an ISO-8601 instant", e);
            }
        }
        List<String> resources = null;
        JsonNode resourceArray = root.get("resources");
        if (resourceArray != null && resourceArray.isArray()) {
            resources = new ArrayList<>(resourceArray.size());
            for (JsonNode resource : resourceArray) {
                resources.add(resource.isNull() ? null : resource.asText());
            }
        }
        JsonNode detail = root.get("detail");
        return new EventBridgeEvent(text(root, "version"), text(root, "id"), text(root, "detail-type"),
                text(root, "source"), text(root, "account"), text(root, "region"), time, resources,
                detail instanceof ObjectNode object ? object : Json.object());
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
