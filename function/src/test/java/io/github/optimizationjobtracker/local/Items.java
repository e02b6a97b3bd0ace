package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.store.AttributeValues;
import io.github.optimizationjobtracker.json.Json;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shows DynamoDB items as plain JSON, the way a person wants to read them. */
public final class Items {
    private Items() {
    }

    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode json = Json.object();
        item.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> json.set(e.getKey(), AttributeValues.toJson(e.getValue())));
        return json;
    }

    public static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
