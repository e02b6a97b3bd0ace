package io.github.optimizationjobtracker.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** JSON as the tracker prints it: indented by two spaces, one line ending ("\n") on every machine. */
final class JsonOutput {
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = Json.MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TimeStyle times;

    JsonOutput(TimeStyle times) {
        this.times = times;
    }

    /** An array with one object per row, keyed by the columns' keys. */
    void render(Tabular tabular, PrintWriter out) {
        ArrayNode rows = NODES.arrayNode();
        for (Tabular.Row row : tabular.rows()) {
            ObjectNode object = rows.addObject();
            for (int c = 0; c < tabular.columns().size(); c++) {
                Column column = tabular.columns().get(c);
                object.set(column.key(), value(column, row.cells().get(c)));
            }
        }
        print(rows, out);
    }

    static void print(JsonNode node, PrintWriter out) {
        try {
            out.print(WRITER.writeValueAsString(node) + "\n");
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The same tree with every object's members in name order, so that output does not depend on storage order. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(e -> members.put(e.getKey(), sorted(e.getValue())));
            ObjectNode object = NODES.objectNode();
            members.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            node.forEach(element -> array.add(sorted(element)));
            return array;
        }
        return node;
    }

    private JsonNode value(Column column, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (column.kind()) {
            case TIME -> NODES.textNode(times.full((Instant) value));
            case DURATION -> NODES.numberNode(CellText.seconds((Duration) value));
            case RATIO -> NODES.numberNode(CellText.ratio((Double) value));
            case NUMBER -> NODES.numberNode(((Number) value).longValue());
            case FLAG -> NODES.booleanNode((Boolean) value);
            case LIST -> {
                ArrayNode array = NODES.arrayNode();
                CellText.strings(value).forEach(array::add);
                yield array;
            }
            default -> NODES.textNode(value.toString());
        };
    }
}
