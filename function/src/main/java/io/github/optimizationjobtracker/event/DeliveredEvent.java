package io.github.optimizationjobtracker.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;

/**
 * What reached the processor: an EventBridge event and the route it came by. The stack's rules deliver events
 * wrapped by an input transformer, {@code {"route": "...", "event": {...}, "detail": {...}}} (see
 * {@link EventRoutes}); anything else (a native event, {@code sam local invoke}, a direct invocation) is a plain
 * EventBridge event and arrives by the {@link JobEvent.Route#DIRECT} route.
 */
public record DeliveredEvent(EventBridgeEvent event, JobEvent.Route route) {
    public static final String ROUTE_FIELD = "route";
    public static final String EVENT_FIELD = "event";
    public static final String DETAIL_FIELD = "detail";

    public static DeliveredEvent direct(EventBridgeEvent event) {
        return new DeliveredEvent(event, JobEvent.Route.DIRECT);
    }

    /** The delivered event, or an {@link IllegalArgumentException} saying why the input is not one. */
    public static DeliveredEvent read(byte[] json) {
        JsonNode root = EventBridgeEvents.tree(json);
        if (root instanceof ObjectNode wrapper && wrapper.has(ROUTE_FIELD) && wrapper.has(EVENT_FIELD)) {
            return unwrap(wrapper);
        }
        return direct(EventBridgeEvents.read(root));
    }

    private static DeliveredEvent unwrap(ObjectNode wrapper) {
        String label = Json.text(wrapper, ROUTE_FIELD);
        JobEvent.Route route = null;
        for (JobEvent.Route candidate : JobEvent.Route.values()) {
            if (candidate != JobEvent.Route.DIRECT && candidate.label().equals(label)) {
                route = candidate;
            }
        }
        if (route == null) {
            throw new IllegalArgumentException("route " + JobNames.quote(label) + " is not one of the stack's rules'"
                    + " (tracker-bus, cloudtrail)");
        }
        JsonNode inner = wrapper.get(EVENT_FIELD);
        if (!(inner instanceof ObjectNode)) {
            throw new IllegalArgumentException("the delivered event's \"event\" is not a JSON object");
        }
        EventBridgeEvent event = EventBridgeEvents.read(inner);
        JsonNode detail = wrapper.get(DETAIL_FIELD);
        if (detail != null) {
            // aws.events.event is the envelope without its detail; the rule passes the detail fields it selected.
            event = event.withDetail(detail instanceof ObjectNode object ? object : Json.object());
        }
        return new DeliveredEvent(event, route);
    }
}
