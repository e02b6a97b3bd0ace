package io.github.optimizationjobtracker.event;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

/**
 * Reads an EventBridge event into the {@code aws-lambda-java-events} {@link ScheduledEvent} the way the Lambda Java
 * runtime's serializer ({@code aws-lambda-java-serialization}) does (fields, {@code detail-type}, number types,
 * UTC time), without that library's cost: building its mapper takes about half a second of a cold start. A test
 * (ScheduledEventsConformanceTest) holds the two equal on every sample event and on edge cases.
 */
public final class EventBridgeEvents {
    private EventBridgeEvents() {
    }

    /** The event, or an {@link IllegalArgumentException} saying why the input is not one. */
    public static ScheduledEvent read(byte[] json) {
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
    public static ScheduledEvent read(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("No content to map due to end-of-input");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + root.getNodeType());
        }
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion(text(root, "version"));
        event.setId(text(root, "id"));
        event.setDetailType(text(root, "detail-type"));
        event.setSource(text(root, "source"));
        event.setAccount(text(root, "account"));
        event.setRegion(text(root, "region"));
        String time = text(root, "time");
        if (time != null) {
            try {
                event.setTime(new DateTime(Instant.parse(time).toEpochMilli(), DateTimeZone.UTC));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time '" + time + "' is not an ISO-8601 instant", e);
            }
        }
        JsonNode resources = root.get("resources");
        if (resources != null && resources.isArray()) {
            List<String> list = new ArrayList<>();
            resources.forEach(r -> list.add(r.isNull() ? null : r.asText()));
            event.setResources(list);
        }
        JsonNode detail = root.get("detail");
        if (detail != null && detail.isObject()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) plain(detail);
            event.setDetail(map);
        }
        return event;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Maps, lists and scalars, with the number types Jackson gives an untyped {@code Map<String, Object>}. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isBigInteger()) {
            BigInteger big = node.bigIntegerValue();
            return big;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
