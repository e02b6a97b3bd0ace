package io.github.optimizationjobtracker.store;

import io.github.optimizationjobtracker.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Converts between JSON trees and DynamoDB attribute values, generically, so new SageMaker fields are kept too.
 */
public final class AttributeValues {
    private AttributeValues() {
    }

    public static AttributeValue fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return AttributeValue.fromNul(true);
        }
        if (node.isObject()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
            return AttributeValue.fromM(map);
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(fromJson(element)));
            return AttributeValue.fromL(list);
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.decimalValue().toPlainString());
        }
        return AttributeValue.fromS(node.asText());
    }

    /** An object's attribute value without one of its members (stored elsewhere, not twice). */
    public static AttributeValue fromJsonWithout(JsonNode object, String member) {
        if (!(object instanceof ObjectNode node) || !node.has(member)) {
            return fromJson(object);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!e.getKey().equals(member)) {
                map.put(e.getKey(), fromJson(e.getValue()));
            }
        });
        return AttributeValue.fromM(map);
    }

    /** The inverse of {@link #fromJson}: maps, lists and string sets become JSON containers, numbers exact. */
    public static JsonNode toJson(AttributeValue value) {
        var nodes = Json.MAPPER.getNodeFactory();
        if (value.hasM()) {
            ObjectNode object = nodes.objectNode();
            value.m().forEach((k, v) -> object.set(k, toJson(v)));
            return object;
        }
        if (value.hasL()) {
            ArrayNode array = nodes.arrayNode();
            value.l().forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value.hasSs()) {
            ArrayNode array = nodes.arrayNode();
            value.ss().forEach(array::add);
            return array;
        }
        if (value.s() != null) {
            return nodes.textNode(value.s());
        }
        if (value.n() != null) {
            return nodes.numberNode(new BigDecimal(value.n()));
        }
        if (value.bool() != null) {
            return nodes.booleanNode(value.bool());
        }
        return nodes.nullNode();
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Reads a string attribute, or null. */
    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? null : value.s();
    }
}
