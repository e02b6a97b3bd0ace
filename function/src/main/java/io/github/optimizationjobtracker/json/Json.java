package io.github.optimizationjobtracker.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One shared, tree-model-only Jackson mapper: no data binding, so nothing reflective on the hot path. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize JSON tree", e);
        }
    }

    /** Writes the fields of one JSON object. */
    @FunctionalInterface
    public interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    /** One JSON object written field by field: for output built once per event, no tree in between. */
    public static String object(Fields fields) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The text as a JSON string literal, quotes included, escaped as every generator of this mapper escapes it. */
    public static String quoted(String text) {
        StringWriter out = new StringWriter(text.length() + 16);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A JSON tree from the plain maps, lists and scalars an event's {@code detail} deserializes to. Built by hand:
     * {@code ObjectMapper.valueToTree} would load Jackson's whole serializer machinery on the first event.
     */
    public static JsonNode fromPlain(Object value) {
        var nodes = MAPPER.getNodeFactory();
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof java.util.Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            map.forEach((k, v) -> object.set(String.valueOf(k), fromPlain(v)));
            return object;
        }
        if (value instanceof Iterable<?> list) {
            var array = nodes.arrayNode();
            list.forEach(v -> array.add(fromPlain(v)));
            return array;
        }
        if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return nodes.numberNode(i);
        }
        if (value instanceof Long l) {
            return nodes.numberNode(l);
        }
        if (value instanceof java.math.BigInteger big) {
            return nodes.numberNode(big);
        }
        if (value instanceof Number n) {
            return nodes.numberNode(new java.math.BigDecimal(n.toString()));
        }
        return nodes.textNode(value.toString());
    }

    /** Text of a field, or null when missing, null or not a scalar. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
