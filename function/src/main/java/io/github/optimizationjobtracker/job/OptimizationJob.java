package io.github.optimizationjobtracker.job;

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
 * Built by the named factories below, each for one way the tracker comes to know a job, or by {@link #toBuilder()}.
 */
public record OptimizationJob(String name, String arn, JobStatus status, Instant creationTime,
                              Instant lastModifiedTime, Instant startTime, Instant endTime, String failureReason,
                              String instanceType, List<String> optimizationTypes, String modelSource,
                              String outputLocation, ObjectNode document) {

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
        return new Builder(name, JobStatus.of(Json.text(document, "OptimizationJobStatus")), creation)
                .arn(Json.text(document, "OptimizationJobArn"))
                .lastModifiedTime(lastModified)
                .startTime(start).endTime(end)
                .failureReason(Json.text(document, "FailureReason"))
                .instanceType(Json.text(document, "DeploymentInstanceType"))
                .optimizationTypes(optimizationTypes(document.get("OptimizationConfigs")))
                .modelSource(modelSource(document.get("ModelSource")))
                .outputLocation(Json.text(document.get("OutputConfig"), "S3OutputLocation"))
                .document(document)
                .build();
    }

    /**
     * An incarnation as SageMaker listed it (name, status and times), when SageMaker can no longer describe it: the
     * document holds just those facts, and the reason, if any, says why there is no more.
     */
    public static OptimizationJob asListed(String name, String arn, JobStatus status, Instant creationTime,
                                           Instant lastModifiedTime, String reason) {
        if (status == null || status == JobStatus.UNKNOWN) {
            throw new IllegalArgumentException("a listed job has a status this code knows, not " + status);
        }
        ObjectNode document = Json.object();
        document.put("OptimizationJobName", name);
        document.put("OptimizationJobArn", arn);
        document.put("OptimizationJobStatus", status.name());
        document.put("CreationTime", Times.iso(creationTime));
        document.put("LastModifiedTime", Times.iso(lastModifiedTime));
        if (reason != null) {
            document.put("FailureReason", reason);
        }
        return new Builder(name, status, creationTime).arn(arn).lastModifiedTime(lastModifiedTime)
                .failureReason(reason).document(document).build();
    }

    /**
     * The job a rejected CreateOptimizationJob asked for, as far as the call tells: FAILED at the call's time with
     * the rejection as its reason. For an alert only; it never existed, so it is never stored as a job.
     */
    public static OptimizationJob rejectedCreate(String name, String arn, Instant calledAt, String reason,
                                                 String instanceType, String modelSource, String outputLocation) {
        ObjectNode document = Json.object();
        document.put("OptimizationJobName", name);
        return new Builder(name, JobStatus.FAILED, calledAt).arn(arn).lastModifiedTime(calledAt)
                .failureReason(reason).instanceType(instanceType).modelSource(modelSource)
                .outputLocation(outputLocation).document(document).build();
    }

    /**
     * DELETED at {@code deletedAt}: the incarnation created at {@code creationTime}, keeping what the document on
     * record says (its failure reason belongs to the status it had, not to the deletion).
     */
    public static OptimizationJob deleted(String name, String arn, Instant creationTime, Instant deletedAt,
                                          ObjectNode documentOnRecord) {
        ObjectNode document = documentOnRecord == null ? Json.object() : documentOnRecord.deepCopy();
        document.put("OptimizationJobName", name);
        document.remove("FailureReason");
        document.put("OptimizationJobStatus", JobStatus.DELETED.name());
        document.put("LastModifiedTime", Times.iso(deletedAt));
        return new Builder(name, JobStatus.DELETED, creationTime)
                .arn(arn != null ? arn : Json.text(document, "OptimizationJobArn"))
                .lastModifiedTime(deletedAt)
                .instanceType(Json.text(document, "DeploymentInstanceType"))
                .document(document)
                .build();
    }

    /**
     * SageMaker's own string for the status: the enum's name, or for UNKNOWN the value SageMaker sent (a status
     * newer than this code is stored and shown as SageMaker names it, never as "UNKNOWN").
     */
    public String statusValue() {
        return status == JobStatus.UNKNOWN ? Json.text(document, "OptimizationJobStatus") : status.name();
    }

    public Builder toBuilder() {
        return new Builder(name, status, creationTime).arn(arn).lastModifiedTime(lastModifiedTime)
                .startTime(startTime).endTime(endTime).failureReason(failureReason).instanceType(instanceType)
                .optimizationTypes(optimizationTypes).modelSource(modelSource).outputLocation(outputLocation)
                .document(document);
    }

    /**
     * Every fact but name, status and creation time is optional; last modified defaults to creation. The facts and the
     * document are set apart: {@link #status} changes the fact, not the document's {@code OptimizationJobStatus}.
     */
    public static final class Builder {
        private String name;
        private JobStatus status;
        private Instant creationTime;
        private String arn;
        private Instant lastModifiedTime;
        private Instant startTime;
        private Instant endTime;
        private String failureReason;
        private String instanceType;
        private List<String> optimizationTypes = List.of();
        private String modelSource;
        private String outputLocation;
        private ObjectNode document;

        public Builder(String name, JobStatus status, Instant creationTime) {
            this.name = name;
            this.status = java.util.Objects.requireNonNull(status, "status");
            this.creationTime = creationTime;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder status(JobStatus value) {
            this.status = java.util.Objects.requireNonNull(value, "status");
            return this;
        }

        public Builder arn(String value) {
            this.arn = value;
            return this;
        }

        public Builder lastModifiedTime(Instant value) {
            this.lastModifiedTime = value;
            return this;
        }

        public Builder startTime(Instant value) {
            this.startTime = value;
            return this;
        }

        public Builder endTime(Instant value) {
            this.endTime = value;
            return this;
        }

        public Builder failureReason(String value) {
            this.failureReason = value;
            return this;
        }

        public Builder instanceType(String value) {
            this.instanceType = value;
            return this;
        }

        public Builder optimizationTypes(List<String> value) {
            this.optimizationTypes = List.copyOf(value);
            return this;
        }

        public Builder modelSource(String value) {
            this.modelSource = value;
            return this;
        }

        public Builder outputLocation(String value) {
            this.outputLocation = value;
            return this;
        }

        public Builder document(ObjectNode value) {
            this.document = value;
            return this;
        }

        public OptimizationJob build() {
            return new OptimizationJob(name, arn, status, creationTime,
                    lastModifiedTime == null ? creationTime : lastModifiedTime, startTime, endTime, failureReason,
                    instanceType, optimizationTypes, modelSource, outputLocation,
                    document == null ? Json.object() : document);
        }
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

    /** The API's {@code ModelSource} union as {@link #modelSource(String, String)} names it. */
    static String modelSource(JsonNode source) {
        return source == null ? null
                : modelSource(Json.text(source.get("S3"), "S3Uri"), Json.text(source.get("SageMakerModel"), "ModelName"));
    }

    /** How a job's model is named wherever it is shown: its S3 location, else "SageMaker model NAME"; null if neither. */
    public static String modelSource(String s3Uri, String modelName) {
        if (s3Uri != null) {
            return s3Uri;
        }
        return modelName == null ? null : "SageMaker model " + modelName;
    }

    private static Instant epoch(ObjectNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Times.fromEpochSeconds(value.decimalValue());
        }
        return Times.parse(value.asText());
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
