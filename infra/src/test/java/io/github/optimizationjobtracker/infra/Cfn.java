package io.github.optimizationjobtracker.infra;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers to compare CloudFormation fragments from different writers (CDK JSON, SAM YAML). */
final class Cfn {
    private Cfn() {
    }

    /**
     * A canonical form: maps sorted by key, numbers as plain decimals, and lists sorted (CloudFormation lists in
     * event patterns, key schemas, attribute definitions, policy actions and index lists are sets), except the
     * argument lists of intrinsic functions, whose order is meaningful.
     */
    static Object normalize(Object value) {
        return normalize(value, false);
    }

    private static Object normalize(Object value, boolean ordered) {
        if (value instanceof Map<?, ?> map) {
            boolean intrinsic = map.size() == 1 && map.keySet().iterator().next().toString().startsWith("Fn::");
            Map<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put(k.toString(), normalize(v, intrinsic)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(normalize(v, false)));
            if (!ordered) {
                result.sort(Comparator.comparing(String::valueOf));
            }
            return result;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        return value;
    }

    /** The value as a list: CloudFormation accepts a single string where a list of one is meant (Action, ...). */
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }

    /** A policy statement in canonical form: Action/Resource always lists, everything normalized. */
    @SuppressWarnings("unchecked")
    static Object statement(Object statement) {
        Map<String, Object> copy = new TreeMap<>((Map<String, Object>) statement);
        copy.replace("Action", list(copy.get("Action")));
        copy.replace("Resource", list(copy.get("Resource")));
        return normalize(copy);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }

    static Map<String, Object> sub(String text) {
        return Map.of("Fn::Sub", text);
    }
}
