package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.event.EventRoutes;
import io.github.optimizationjobtracker.event.EventRoutes.Bus;
import io.github.optimizationjobtracker.event.EventRoutes.Route;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge's rule matching and input transformation, for the parts the stack's rules use ({@link EventRoutes}):
 * patterns with value lists, {@code exists} and {@code $or}; transformers with JSON paths, the predefined
 * {@code aws.events.*} variables and placeholders in JSON value positions (replaced by the value's JSON). As
 * EventBridge's documentation describes them; a variable whose path is missing from the event fails loudly here,
 * where EventBridge would deliver no valid input.
 */
public final class EventBridgeRules {
    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_.-]+)>");
    /** The account the stack is deployed in, locally: the sample events' (their CloudTrail records are its). */
    public static final String THIS_ACCOUNT = "123456789012";

    /** What a rule delivers to its target. */
    public record Delivery(Route route, byte[] input) {
        public String text() {
            return new String(input, StandardCharsets.UTF_8);
        }
    }

    private EventBridgeRules() {
    }

    /** Every processor rule on {@code bus} that matches the event, with what it delivers. */
    public static List<Delivery> route(Bus bus, String eventJson) {
        JsonNode event = Json.parse(eventJson.getBytes(StandardCharsets.UTF_8));
        List<Delivery> deliveries = new ArrayList<>();
        for (Route route : EventRoutes.PROCESSOR_ROUTES) {
            if (route.bus() == bus && matches(route.patternIn(THIS_ACCOUNT), event)) {
                deliveries.add(new Delivery(route, transform(route, event)));
            }
        }
        return deliveries;
    }

    /** The bus an event lands on when it is put without a bus name: the tracker's events go to its own bus. */
    public static Bus busOf(String eventJson) {
        JsonNode event = Json.parse(eventJson.getBytes(StandardCharsets.UTF_8));
        return "optimization-job-tracker".equals(Json.text(event, "source")) ? Bus.TRACKER : Bus.DEFAULT;
    }

    static boolean matches(Map<String, Object> pattern, JsonNode node) {
        for (Map.Entry<String, Object> entry : pattern.entrySet()) {
            if (entry.getKey().equals("$or")) {
                boolean any = false;
                for (Object alternative : (List<?>) entry.getValue()) {
                    any |= matches(castMap(alternative), node);
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            JsonNode field = node == null || !node.isObject() ? null : node.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> nested) {
                if (!matches(castMap(nested), field)) {
                    return false;
                }
            } else if (!matchesAny((List<?>) entry.getValue(), field)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(List<?> values, JsonNode field) {
        for (Object value : values) {
            if (value instanceof Map<?, ?> operator) {
                if (operator.containsKey("exists")) {
                    // EventBridge's exists matches leaves only: a present object is not "existing".
                    boolean present = field != null && !field.isContainerNode() && !field.isMissingNode();
                    if (present == (Boolean) operator.get("exists")) {
                        return true;
                    }
                    continue;
                }
                throw new IllegalArgumentException("pattern operator not supported here: " + operator);
            }
            if (field != null && field.isArray()) {
                for (JsonNode element : field) {
                    if (element.isValueNode() && element.asText().equals(String.valueOf(value))) {
                        return true;
                    }
                }
            } else if (field != null && field.isValueNode() && !field.isNull()
                    && field.asText().equals(String.valueOf(value))) {
                return true;
            }
        }
        return false;
    }

    /** The rule's input: the event itself, or its transformer's template filled in. */
    static byte[] transform(Route route, JsonNode event) {
        if (route.transformer() == null) {
            return Json.write(event).getBytes(StandardCharsets.UTF_8);
        }
        String template = route.transformer().inputTemplate();
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            JsonNode value = variable(route, variable, event);
            boolean quoted = matcher.start() > 0 && template.charAt(matcher.start() - 1) == '"';
            // A placeholder in a JSON value position becomes the value's JSON; inside quotes, its raw text.
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    quoted ? value.asText() : Json.write(value)));
        }
        matcher.appendTail(out);
        String input = out.toString();
        Json.parse(input.getBytes(StandardCharsets.UTF_8)); // EventBridge delivers JSON or nothing
        return input.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode variable(Route route, String variable, JsonNode event) {
        switch (variable) {
            case "aws.events.event.json":
                return event;
            case "aws.events.event": {
                ObjectNode envelope = ((ObjectNode) event).deepCopy();
                envelope.remove("detail");
                return envelope;
            }
            case "aws.events.rule-name":
                return Json.MAPPER.getNodeFactory().textNode("ProcessorFunction" + route.name());
            case "aws.events.event.ingestion-time":
                return Json.MAPPER.getNodeFactory().textNode(Instant.now().toString());
            default:
                break;
        }
        String path = route.transformer().inputPathsMap().get(variable);
        if (path == null) {
            throw new IllegalStateException(route.name() + ": template variable <" + variable + "> is not defined");
        }
        JsonNode value = event;
        for (String part : path.substring(2).split("\\.")) {
            value = value == null ? null : value.get(part);
        }
        if (value == null || value.isMissingNode()) {
            throw new IllegalStateException(route.name() + ": " + path + " is not in the event, so <" + variable
                    + "> does not resolve and EventBridge would deliver no valid input");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
