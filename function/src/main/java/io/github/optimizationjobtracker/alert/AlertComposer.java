package io.github.optimizationjobtracker.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.optimizationjobtracker.classification.FailureClassification;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import io.github.optimizationjobtracker.store.FailureStorms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds alerts that SNS accepts whatever the job says: a subject of printable ASCII within 100 characters, and a
 * message that stays under SNS's 256 KB limit however long the failure reason is. A failure's classification comes
 * first in the text (what to do), and as facts in the JSON and a message attribute. Region and console link are
 * the job's (from its ARN), which need not be the function's.
 */
public final class AlertComposer {
    public static final int MAX_SUBJECT = 100;
    /** SNS's limit is 262,144 bytes for message plus attributes; keep a margin for attribute names and values. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024 - 4 * 1024;
    /** The reason is repeated once per protocol; cap each copy so the total fits even before measuring. */
    static final int MAX_REASON_CHARS = 16 * 1024;
    private static final String[] MACHINE_PROTOCOLS = {"sqs", "lambda", "http", "https", "email-json", "firehose"};

    private final JobLinks links;

    public AlertComposer(String defaultRegion) {
        this.links = new JobLinks(defaultRegion);
    }

    public JobLinks links() {
        return links;
    }

    /** What an alert is about: a job that reached an alerting status, or a CreateOptimizationJob call rejected. */
    public enum AlertType { JOB_STATUS, CREATE_REJECTED, FAILURE_STORM }

    public AlertMessage compose(OptimizationJob job, Optional<String> createdBy, String eventId) {
        return compose(job, null, createdBy, eventId);
    }

    /** The alert for a job in an alerting status; {@code failure} (null if none) says what to do about it. */
    public AlertMessage compose(OptimizationJob job, FailureClassification failure, Optional<String> createdBy,
                                String eventId) {
        return compose(job, AlertType.JOB_STATUS, null, failure, createdBy, eventId);
    }

    /**
     * The alert for a rejected CreateOptimizationJob call: {@code attempt} describes the job that was asked for
     * (name, would-be ARN, request facts, call time) with the API error as its failure reason.
     */
    public AlertMessage composeRejectedCreate(OptimizationJob attempt, String errorCode, FailureClassification failure,
                                              Optional<String> caller, String eventId) {
        return compose(attempt, AlertType.CREATE_REJECTED, errorCode, failure, caller, eventId);
    }

    private AlertMessage compose(OptimizationJob job, AlertType type, String errorCode, FailureClassification failure,
                                 Optional<String> createdBy, String eventId) {
        String reason = job.failureReason() == null ? "(SageMaker gave no failure reason)" : job.failureReason();
        int budget = MAX_REASON_CHARS;
        while (true) {
            String shortened = truncate(reason, budget);
            String message = structured(job, type, errorCode, failure, createdBy, eventId, shortened);
            if (fits(message) || budget < 64) {
                return new AlertMessage(subject(job, type), message, attributes(job, type, failure));
            }
            budget /= 2;
        }
    }

    /**
     * The summary of a storm: many jobs failed within one window (each job's own alert still goes out). Lists the
     * jobs by category; a window holds at most a few hundred, well within SNS's limit.
     */
    public AlertMessage composeStorm(FailureStorms.Window window, Duration windowLength, String eventId) {
        Map<String, List<String>> byCategory = window.byCategory();
        String subject = "FAILURE STORM: " + window.size() + " SageMaker optimization jobs failed within "
                + windowLength.toMinutes() + " minutes";
        StringBuilder text = new StringBuilder().append(window.size())
                .append(" SageMaker optimization jobs failed within ").append(windowLength.toMinutes())
                .append(" minutes of ").append(Times.iso(window.start())).append(" (").append(links.defaultRegion())
                .append(").\nEach job's own alert still goes out. What they share is the likely cause: a pipeline change,"
                        + " an IAM or quota change, a capacity event.\n\nBy category:\n");
        byCategory.forEach((category, jobs) -> text.append("  ").append(category).append(" (").append(jobs.size())
                .append("): ").append(String.join(", ", jobs)).append('\n'));
        text.append("\nMore may follow: tracker list --status FAILED --since ").append(windowLength.toMinutes() + 5)
                .append("m\n");
        String json = Json.object(facts -> {
            facts.writeStringField("type", "OptimizationJobAlert");
            facts.writeStringField("alertType", AlertType.FAILURE_STORM.name());
            facts.writeStringField("windowStart", Times.iso(window.start()));
            facts.writeNumberField("windowMinutes", windowLength.toMinutes());
            facts.writeNumberField("failures", window.size());
            facts.writeObjectFieldStart("byCategory");
            for (Map.Entry<String, List<String>> entry : byCategory.entrySet()) {
                facts.writeNumberField(entry.getKey(), entry.getValue().size());
            }
            facts.writeEndObject();
            facts.writeArrayFieldStart("jobs");
            for (FailureStorms.Member member : window.members()) {
                facts.writeStartObject();
                facts.writeStringField("jobName", member.jobName());
                facts.writeStringField("creationTime", Times.iso(member.creationTime()));
                facts.writeStringField("category", member.category());
                facts.writeEndObject();
            }
            facts.writeEndArray();
            facts.writeStringField("region", links.defaultRegion());
            facts.writeStringField("eventId", eventId);
        });
        String message = envelope(readable(text.toString()), json);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("status", "FAILED");
        attributes.put("alertType", AlertType.FAILURE_STORM.name());
        return new AlertMessage(subject, message, attributes);
    }

    /** A char is at most 3 bytes in UTF-8 (a surrogate pair 4 for 2 chars): count bytes only when it may matter. */
    private static boolean fits(String message) {
        return (long) message.length() * 3 <= MAX_MESSAGE_BYTES
                || message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES;
    }

    /** "FAILED: SageMaker optimization job my-job", printable ASCII only, at most 100 characters. */
    public static String subject(OptimizationJob job) {
        return subject(job, AlertType.JOB_STATUS);
    }

    static String subject(OptimizationJob job, AlertType type) {
        String raw = (type == AlertType.CREATE_REJECTED ? "CREATE REJECTED" : job.statusValue())
                + ": SageMaker optimization job " + job.name();
        StringBuilder ascii = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        String subject = ascii.toString().strip();
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }

    public String regionOf(OptimizationJob job) {
        return links.regionOf(job);
    }

    public String consoleLink(OptimizationJob job) {
        return links.consoleLink(job);
    }

    private String structured(OptimizationJob job, AlertType type, String errorCode, FailureClassification failure,
                              Optional<String> createdBy, String eventId, String reason) {
        String text = readable(text(job, type, failure, createdBy, reason));
        String json = Json.object(facts -> facts(facts, job, type, errorCode, failure, createdBy, eventId, reason));
        return envelope(text, json);
    }

    /**
     * SNS's message for each protocol: the text for people, the facts for machines. Each is escaped once and
     * repeated as written, rather than escaped again for each of the eight protocols.
     */
    static String envelope(String text, String json) {
        String quotedText = Json.quoted(text);
        String quotedJson = Json.quoted(json);
        return Json.object(envelope -> {
            envelope.writeFieldName("default");
            envelope.writeRawValue(quotedText);
            envelope.writeFieldName("email");
            envelope.writeRawValue(quotedText);
            for (String protocol : MACHINE_PROTOCOLS) {
                envelope.writeFieldName(protocol);
                envelope.writeRawValue(quotedJson);
            }
        });
    }

    private void facts(JsonGenerator facts, OptimizationJob job, AlertType type, String errorCode,
                       FailureClassification failure, Optional<String> createdBy, String eventId, String reason)
            throws IOException {
        facts.writeStringField("type", "OptimizationJobAlert");
        facts.writeStringField("alertType", type.name());
        if (errorCode != null) {
            facts.writeStringField("errorCode", errorCode);
        }
        facts.writeStringField("jobName", job.name());
        facts.writeStringField("jobArn", job.arn());
        facts.writeStringField("status", job.statusValue());
        facts.writeStringField("failureReason", reason);
        facts.writeBooleanField("failureReasonTruncated", job.failureReason() != null && !reason.equals(job.failureReason()));
        if (failure != null) {
            facts.writeStringField("category", failure.category().name());
            facts.writeStringField("hint", failure.hint());
            facts.writeStringField("docsUrl", failure.docsUrl());
        }
        facts.writeStringField("modelSource", job.modelSource());
        facts.writeStringField("instanceType", job.instanceType());
        facts.writeArrayFieldStart("optimizationTypes");
        for (String optimization : job.optimizationTypes()) {
            facts.writeString(optimization);
        }
        facts.writeEndArray();
        facts.writeStringField("outputLocation", job.outputLocation());
        facts.writeStringField("creationTime", Times.iso(job.creationTime()));
        facts.writeStringField("startTime", Times.iso(job.startTime()));
        facts.writeStringField("endTime", Times.iso(job.endTime()));
        facts.writeStringField("lastModifiedTime", Times.iso(job.lastModifiedTime()));
        Optional<Duration> runtime = duration(job);
        if (runtime.isPresent()) {
            facts.writeNumberField("runtimeSeconds", runtime.get().toSeconds());
        }
        facts.writeStringField("createdBy", createdBy.orElse(null));
        facts.writeStringField("region", regionOf(job));
        facts.writeStringField("consoleUrl", consoleLink(job));
        facts.writeStringField("eventId", eventId);
    }

    private String text(OptimizationJob job, AlertType type, FailureClassification failure, Optional<String> createdBy,
                        String reason) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Job", job.name());
        lines.put("Status", job.statusValue());
        lines.put("Model source", job.modelSource());
        lines.put("Instance type", job.instanceType());
        lines.put("Optimizations", job.optimizationTypes().isEmpty() ? null : String.join(", ", job.optimizationTypes()));
        lines.put("Output location", job.outputLocation());
        lines.put("Created", Times.iso(job.creationTime()));
        lines.put("Started", Times.iso(job.startTime()));
        lines.put("Ended", Times.iso(job.endTime()));
        lines.put("Runtime", duration(job).map(AlertComposer::human).orElse(null));
        lines.put(type == AlertType.CREATE_REJECTED ? "Called by" : "Started by",
                createdBy.orElse("unknown (no CloudTrail CreateOptimizationJob event seen)"));
        lines.put("Console", consoleLink(job));
        lines.put("ARN", job.arn());
        StringBuilder text = new StringBuilder();
        if (failure != null) {
            // first, what the person reading must do
            text.append("What to do (").append(failure.category().description()).append("): ").append(failure.hint())
                    .append("\nRead more: ").append(failure.docsUrl()).append("\n\n");
        }
        if (type == AlertType.CREATE_REJECTED) {
            text.append("CreateOptimizationJob for ").append(job.name()).append(" was rejected in ").append(regionOf(job))
                    .append(": the job never started.\n\n");
        } else {
            text.append("SageMaker optimization job ").append(job.name()).append(" is ").append(job.statusValue())
                    .append(" in ").append(regionOf(job)).append(".\n\n");
        }
        text.append(type == AlertType.CREATE_REJECTED ? "Error:\n" : "Failure reason:\n").append(reason).append("\n\n");
        lines.forEach((label, value) -> {
            if (value != null) {
                text.append(label).append(": ").append(value).append('\n');
            }
        });
        return text.toString();
    }

    /**
     * Text for people and mail clients: one line ending, and no control characters but newline and tab (a
     * container's output may carry carriage returns, escape sequences or NULs). The JSON keeps the reason exactly.
     */
    static String readable(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    clean.append('\n');
                }
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    private static Optional<Duration> duration(OptimizationJob job) {
        return job.startTime() == null || job.endTime() == null ? Optional.empty()
                : Optional.of(Duration.between(job.startTime(), job.endTime()));
    }

    private static String human(Duration d) {
        return d.toHours() + "h " + d.toMinutesPart() + "m " + d.toSecondsPart() + "s";
    }

    private static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = maxChars;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return text.substring(0, cut) + "\n[... truncated " + (text.length() - cut) + " characters]";
    }

    /** Message attributes for subscription filter policies. SNS rejects empty values, so absent ones are omitted. */
    static Map<String, String> attributes(OptimizationJob job, AlertType type, FailureClassification failure) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("jobName", job.name());
        attributes.put("status", job.statusValue());
        attributes.put("alertType", type.name());
        if (job.instanceType() != null && !job.instanceType().isBlank()) {
            attributes.put("instanceType", job.instanceType());
        }
        if (failure != null) {
            attributes.put("failureCategory", failure.category().name());
        }
        return attributes;
    }
}
