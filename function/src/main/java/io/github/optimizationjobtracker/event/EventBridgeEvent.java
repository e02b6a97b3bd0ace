package io.github.optimizationjobtracker.event;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * An EventBridge event's envelope, read once from its JSON, with the detail kept as the JSON tree the parser reads
 * (never turned into a map and back). Fields are null where the event leaves them out; the detail is an empty object
 * when there is none, or when it is not an object.
 *
 * @param time the envelope's time, to the millisecond as the Lambda Java runtime reads it
 */
public record EventBridgeEvent(String version, String id, String detailType, String source, String account,
                               String region, Instant time, List<String> resources, ObjectNode detail) {

    /**
     * The same event from the {@code aws-lambda-java-events} type, for Java callers that already hold one (a
     * handler typed on {@link ScheduledEvent}, a test built with the runtime's serializer).
     */
    public static EventBridgeEvent of(ScheduledEvent event) {
        Instant time = event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis());
        ObjectNode detail = Json.fromPlain(event.getDetail()) instanceof ObjectNode object ? object : Json.object();
        return new EventBridgeEvent(event.getVersion(), event.getId(), event.getDetailType(), event.getSource(),
                event.getAccount(), event.getRegion(), time, event.getResources(), detail);
    }

    /** This event with another detail: a rule's input transformer delivers the detail beside the envelope. */
    EventBridgeEvent withDetail(ObjectNode newDetail) {
        return new EventBridgeEvent(version, id, detailType, source, account, region, time, resources, newDetail);
    }
}
