package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Shows DynamoDB items as plain JSON, the way a person wants to read them. */
public final class Items {
    private Items() {
    }

    public static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode json = Json.object();
        item.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> json.set(e.getKey(), toJson(e.getValue())));
        return json;
    }

    public static JsonNode toJson(AttributeValue value) {
        if (value.hasM()) {
            ObjectNode object = Json.object();
            value.m().forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        if (value.hasL()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            value.l().forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value.hasSs()) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        if (value.s() != null) {
            return Json.MAPPER.getNodeFactory().textNode(value.s());
        }
        if (value.n() != null) {
            return Json.MAPPER.getNodeFactory().numberNode(new BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return Json.MAPPER.getNodeFactory().booleanNode(value.bool());
        }
        return Json.MAPPER.getNodeFactory().nullNode();
    }

    public static String pretty(JsonNode node) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
