package io.github.optimizationjobtracker.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.optimizationjobtracker.alert.AlertComposer.AlertType;
import io.github.optimizationjobtracker.classification.FailureClassification;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.store.FailureStorms;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alerts for chat channels, as Amazon Q Developer in chat applications (formerly AWS Chatbot) renders them in Slack
 * and Microsoft Teams: its custom-notification schema ({@code version} 1.0, {@code source} custom, markdown
 * content, next steps, keywords), one thread per job. Its documented limits are kept: a title of at most 250
 * characters, a description of at most 8,000, each next step at most 350 and each keyword at most 75.
 */
public final class ChatComposer {
    static final int MAX_TITLE = 250;
    static final int MAX_DESCRIPTION = 8000;
    static final int MAX_NEXT_STEP = 350;
    static final int MAX_KEYWORD = 75;
    /** What of a failure reason fits a chat message a person reads on a phone. */
    static final int MAX_REASON_IN_CHAT = 1500;

    private final JobLinks links;

    public ChatComposer(JobLinks links) {
        this.links = links;
    }

    /** The chat message for a job alert or a rejected create. */
    public String compose(OptimizationJob job, AlertType type, FailureClassification failure,
                          Optional<String> createdBy, String eventId) {
        String reason = job.failureReason() == null ? "(SageMaker gave no failure reason)" : job.failureReason();
        String title = (type == AlertType.CREATE_REJECTED ? ":no_entry: CREATE REJECTED: "
                : ":x: " + job.statusValue() + ": ")
                + "SageMaker optimization job " + job.name();
        StringBuilder description = new StringBuilder();
        if (failure != null) {
            description.append("*What to do* (").append(failure.category().description()).append("): ")
                    .append(failure.hint()).append("\n\n");
        }
        description.append("*Region*: ").append(links.regionOf(job)).append('\n');
        line(description, "Instance type", job.instanceType());
        line(description, "Optimizations", job.optimizationTypes().isEmpty() ? null
                : String.join(", ", job.optimizationTypes()));
        line(description, "Model", job.modelSource());
        line(description, type == AlertType.CREATE_REJECTED ? "Called by" : "Started by", createdBy.orElse(null));
        String opening = description.toString();
        String blockStart = "\n*" + (type == AlertType.CREATE_REJECTED ? "Error" : "Failure reason") + "*:\n```\n";
        String blockEnd = "\n```";
        // the reason gets what the opening leaves, so that its code block always closes
        String reasonBlock = blockStart + cut(AlertComposer.readable(reason).replace("```", "'''"), Math.min(
                MAX_REASON_IN_CHAT, MAX_DESCRIPTION - opening.length() - blockStart.length() - blockEnd.length()))
                + blockEnd;
        List<String> nextSteps = new ArrayList<>();
        if (failure != null) {
            nextSteps.add("Read more: " + failure.docsUrl());
        }
        nextSteps.add("Open the job in the console: " + links.consoleLink(job));
        List<String> keywords = new ArrayList<>(List.of(type == AlertType.CREATE_REJECTED ? "CREATE_REJECTED"
                : job.statusValue()));
        if (failure != null) {
            keywords.add(failure.category().name());
        }
        if (job.instanceType() != null) {
            keywords.add(job.instanceType());
        }
        return message(eventId, title, opening + reasonBlock, nextSteps, keywords, job.name(),
                title.replaceFirst("^:[a-z_]+: ", ""), Map.of("jobName", job.name(),
                        "jobArn", String.valueOf(job.arn()), "region", links.regionOf(job),
                        "category", failure == null ? "" : failure.category().name()));
    }

    /** The chat message for a failure storm: how many jobs, by category. */
    public String composeStorm(FailureStorms.Window window, Duration windowLength, String eventId) {
        String title = ":rotating_light: FAILURE STORM: " + window.size() + " SageMaker optimization jobs failed within "
                + windowLength.toMinutes() + " minutes";
        StringBuilder description = new StringBuilder("Since ").append(window.start())
                .append(". Each job's own alert still goes out; what they share is the likely cause (a pipeline"
                        + " change, an IAM or quota change, a capacity event).\n\n");
        window.byCategory().forEach((category, jobs) -> description.append("*").append(category).append("* (")
                .append(jobs.size()).append("): ").append(String.join(", ", jobs)).append('\n'));
        return message(eventId, title, description.toString(),
                List.of("List them: tracker list --status FAILED --since " + (windowLength.toMinutes() + 5) + "m"),
                List.of("FAILURE_STORM"), "failure-storm-" + window.start(), title.replaceFirst("^:[a-z_]+: ", ""),
                Map.of("windowStart", window.start().toString(), "failures", Integer.toString(window.size())));
    }

    private static String message(String eventId, String title, String description, List<String> nextSteps,
                                  List<String> keywords, String threadId, String summary, Map<String, String> context) {
        return Json.object(json -> {
            json.writeStringField("version", "1.0");
            json.writeStringField("source", "custom");
            json.writeStringField("id", eventId);
            json.writeObjectFieldStart("content");
            json.writeStringField("textType", "client-markdown");
            json.writeStringField("title", cut(title, MAX_TITLE));
            json.writeStringField("description", cut(description, MAX_DESCRIPTION));
            strings(json, "nextSteps", nextSteps, MAX_NEXT_STEP);
            strings(json, "keywords", keywords, MAX_KEYWORD);
            json.writeEndObject();
            json.writeObjectFieldStart("metadata");
            json.writeStringField("threadId", threadId);
            json.writeStringField("summary", cut(summary, MAX_TITLE));
            json.writeBooleanField("enableCustomActions", true);
            json.writeObjectFieldStart("additionalContext");
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(context).entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void strings(JsonGenerator json, String field, List<String> values, int max) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(cut(value, max));
        }
        json.writeEndArray();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append('*').append(label).append("*: ").append(value).append('\n');
        }
    }

    /** At most {@code max} characters, marked when cut, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Math.max(0, max - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
