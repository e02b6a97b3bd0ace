package io.github.optimizationjobtracker.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.redaction.SecretRedactor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An optimization job as last seen: the facts the tracker keys and alerts on, plus the whole SageMaker document
 * (every member of the response, including ones newer than this SDK, with secrets redacted and times as ISO-8601).
 */
public record OptimizationJob(String name, String arn, String status, Instant creationTime, Instant lastModifiedTime,
                              Instant startTime, Instant endTime, String failureReason, String instanceType,
                              List<String> optimizationTypes, String modelSource, String outputLocation,
                              ObjectNode document) {

    /**
     * Builds a job from the raw DescribeOptimizationJob body, which it takes over: secrets are redacted and epoch
     * times rewritten in place (no copy: the body is parsed for this and nothing else holds it).
     */
    public static OptimizationJob fromDescribeResponse(ObjectNode document) {
        SecretRedactor.redactDocument(document);
        Instant creation = epoch(document, "CreationTime");
        Instant lastModified = epoch(document, "LastModifiedTime");
        Instant start = epoch(document, "OptimizationStartTime");
        Instant end = epoch(document, "OptimizationEndTime");
        isoTimes(document);
        String name = Json.text(document, "OptimizationJobName");
        if (name == null || creation == null) {
            throw new IllegalStateException("DescribeOptimizationJob response lacks OptimizationJobName or CreationTime");
        }
        return new OptimizationJob(name, Json.text(document, "OptimizationJobArn"),
                Json.text(document, "OptimizationJobStatus"), creation,
                lastModified == null ? creation : lastModified, start, end,
                Json.text(document, "FailureReason"), Json.text(document, "DeploymentInstanceType"),
                optimizationTypes(document.get("OptimizationConfigs")), modelSource(document.get("ModelSource")),
                Json.text(document.get("OutputConfig"), "S3OutputLocation"), document);
    }

    public OptimizationJob withStatus(String newStatus, Instant changedAt, String reason) {
        ObjectNode copy = document.deepCopy();
        copy.put("OptimizationJobStatus", newStatus);
        copy.put("LastModifiedTime", Times.iso(changedAt));
        if (reason != null) {
            copy.put("FailureReason", reason);
        }
        return new OptimizationJob(name, arn, newStatus, creationTime, changedAt, startTime, endTime,
                reason == null ? failureReason : reason, instanceType, optimizationTypes, modelSource, outputLocation,
                copy);
    }

    /** "Quantization" from a {@code ModelQuantizationConfig} member, and so on, for any union member. */
    static List<String> optimizationTypes(JsonNode configs) {
        List<String> types = new ArrayList<>();
        if (configs != null && configs.isArray()) {
            for (JsonNode config : configs) {
                config.fieldNames().forEachRemaining(member -> types.add(
                        member.replaceFirst("^Model", "").replaceFirst("Config$", "")));
            }
        }
        return List.copyOf(types);
    }

    static String modelSource(JsonNode source) {
        if (source == null) {
            return null;
        }
        String s3 = Json.text(source.get("S3"), "S3Uri");
        if (s3 != null) {
            return s3;
        }
        String model = Json.text(source.get("SageMakerModel"), "ModelName");
        return model == null ? null : "SageMaker model " + model;
    }

    private static Instant epoch(ObjectNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Times.fromEpochSeconds(value.decimalValue());
        }
        return Instant.parse(value.asText());
    }

    /** Rewrites every numeric member whose name ends in "Time" as sortable ISO-8601, recursively. */
    private static void isoTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().endsWith("Time") && value.isNumber()) {
                    BigDecimal seconds = value.decimalValue();
                    field.setValue(object.textNode(Times.iso(Times.fromEpochSeconds(seconds))));
                } else {
                    isoTimes(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(OptimizationJob::isoTimes);
        }
    }
}
