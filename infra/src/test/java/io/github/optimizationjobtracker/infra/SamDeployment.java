package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.map;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as CloudFormation would deploy it with given parameter values (the rest at their defaults):
 * parameter references replaced by their values, conditions evaluated, {@code Fn::If} resolved, resources and
 * outputs whose condition is false left out, and {@code AWS::NoValue} removed. Only what the template uses.
 */
final class SamDeployment {
    private static final Object NO_VALUE = Map.of("Ref", "AWS::NoValue");

    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, Object> conditionDefinitions;
    private final Map<String, Boolean> conditions = new HashMap<>();

    private SamDeployment(Map<String, Object> template, Map<String, String> values) {
        map(template.getOrDefault("Parameters", Map.of())).forEach((name, definition) ->
                parameters.put(name, String.valueOf(map(definition).get("Default"))));
        parameters.putAll(values);
        conditionDefinitions = map(template.getOrDefault("Conditions", Map.of()));
    }

    /** The template as deployed with {@code values} for some parameters. */
    static Map<String, Object> resolve(Map<String, Object> template, Map<String, String> values) {
        SamDeployment deployment = new SamDeployment(template, values);
        Map<String, Object> resolved = new LinkedHashMap<>();
        template.forEach((section, content) -> {
            if (section.equals("Resources") || section.equals("Outputs")) {
                Map<String, Object> kept = new LinkedHashMap<>();
                map(content).forEach((id, entry) -> {
                    Map<String, Object> copy = new LinkedHashMap<>(map(entry));
                    Object condition = copy.remove("Condition");
                    if (condition == null || deployment.condition(condition.toString())) {
                        kept.put(id, deployment.value(copy));
                    }
                });
                resolved.put(section, kept);
            } else {
                resolved.put(section, content);
            }
        });
        return resolved;
    }

    private boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = conditionDefinitions.get(name);
            if (definition == null) {
                throw new IllegalArgumentException("template.yaml names an undefined condition " + name);
            }
            known = evaluate(definition);
            conditions.put(name, known);
        }
        return known;
    }

    private boolean evaluate(Object expression) {
        Map<String, Object> function = map(expression);
        String name = function.keySet().iterator().next();
        List<?> args = function.get(name) instanceof List<?> list ? list : List.of(function.get(name));
        return switch (name) {
            case "Fn::Equals" -> String.valueOf(value(args.get(0))).equals(String.valueOf(value(args.get(1))));
            case "Fn::Not" -> !evaluate(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::evaluate);
            case "Fn::Or" -> args.stream().anyMatch(this::evaluate);
            case "Condition" -> condition(args.get(0).toString());
            default -> throw new IllegalArgumentException("condition function " + name + " is not evaluated here");
        };
    }

    private static boolean isIf(Object node) {
        return node instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::If");
    }

    private Object value(Object node) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> mapNode = map(raw);
            if (mapNode.size() == 1 && mapNode.containsKey("Ref") && parameters.containsKey(mapNode.get("Ref").toString())) {
                return parameters.get(mapNode.get("Ref").toString());
            }
            if (mapNode.size() == 1 && mapNode.containsKey("Fn::If")) {
                List<?> args = (List<?>) mapNode.get("Fn::If");
                return value(condition(args.get(0).toString()) ? args.get(1) : args.get(2));
            }
            // A property an Fn::If resolves to AWS::NoValue is left out; one written as AWS::NoValue is kept, as
            // the template means it (the local-only endpoint variables).
            Map<String, Object> result = new LinkedHashMap<>();
            mapNode.forEach((key, v) -> {
                Object resolved = value(v);
                if (!(isIf(v) && NO_VALUE.equals(resolved))) {
                    result.put(key, resolved);
                }
            });
            return result;
        }
        if (node instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            for (Object element : list) {
                Object resolved = value(element);
                if (!(isIf(element) && NO_VALUE.equals(resolved))) {
                    result.add(resolved);
                }
            }
            return result;
        }
        return node;
    }
}
