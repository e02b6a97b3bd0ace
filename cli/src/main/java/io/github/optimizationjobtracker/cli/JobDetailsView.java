package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.classification.FailureCategory;
import io.github.optimizationjobtracker.job.JobStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tracker show} for a person: one labelled line per fact, long values wrapped to the terminal's
 * {@link TableRenderer#WIDTH} columns under their label, facts the record lacks left out.
 */
final class JobDetailsView {
    private static final int LABEL = 18;

    private final TimeStyle times;
    private final Instant now;
    private final PrintWriter out;

    JobDetailsView(TimeStyle times, Instant now, PrintWriter out) {
        this.times = times;
        this.now = now;
        this.out = out;
    }

    void print(JobDetails details) {
        details.job().ifPresentOrElse(this::printJob, () -> out.println("No job named " + details.name()
                + " was recorded: SageMaker never created one."));
        if (details.job().isPresent()) {
            field("Console", details.consoleLink());
        }
        if (!details.rejectedCreates().isEmpty()) {
            out.println();
            out.println("Rejected creates of this name: " + details.rejectedCreates().size());
            details.rejectedCreates().forEach(this::printRejected);
        }
        out.flush();
    }

    private void printJob(JobRecord job) {
        field("Job", job.name());
        field("Status", job.status());
        field("Failure category", category(job.category()));
        field("Failure reason", job.failureReason());
        field("Created", time(job.created()));
        field("Started", time(job.started()));
        field("Ended", time(job.ended()));
        field("Last change", time(job.lastChange()));
        field("Runtime", runtime(job));
        field("Model source", job.modelSource());
        field("Instance type", job.instanceType());
        field("Optimizations", job.optimizationTypes().isEmpty() ? null : String.join(", ", job.optimizationTypes()));
        field("Output location", job.outputLocation());
        field("Created by", job.createdBy());
        field("ARN", job.arn());
    }

    private void printRejected(RejectedCreate rejected) {
        out.println("  " + time(rejected.calledAt()) + "  " + rejected.errorCode());
        indented("Message", rejected.errorMessage());
        indented("Category", category(rejected.category()));
        indented("Called by", rejected.calledBy());
        indented("Instance type", rejected.instanceType());
        indented("Alert", rejected.alertDecision());
    }

    /** The runtime of an ended job, or how long a started one has run so far. */
    private String runtime(JobRecord job) {
        if (job.runtime().isPresent()) {
            return HumanDuration.format(job.runtime().get());
        }
        JobStatus status = JobStatus.of(job.status());
        boolean running = job.started() != null && status != JobStatus.UNKNOWN && !status.isFinal();
        return running ? HumanDuration.format(Duration.between(job.started(), now)) + " so far" : null;
    }

    private static String category(String name) {
        if (name == null) {
            return null;
        }
        boolean known = Arrays.stream(FailureCategory.values()).anyMatch(c -> c.name().equals(name));
        return known ? name + " (" + FailureCategory.valueOf(name).description() + ")" : name;
    }

    private String time(Instant instant) {
        return instant == null ? null : times.full(instant);
    }

    private void field(String label, String value) {
        labelled("", label, value);
    }

    private void indented(String label, String value) {
        labelled("    ", label, value);
    }

    private void labelled(String indent, String label, String value) {
        if (value == null) {
            return;
        }
        String prefix = indent + label + " ".repeat(Math.max(1, LABEL - label.length()));
        List<String> lines = wrap(value, TableRenderer.WIDTH - prefix.length());
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? prefix : " ".repeat(prefix.length())) + lines.get(i));
        }
    }

    /**
     * Splits at line breaks, then at the last space that fits. A word longer than the width (a URL, an ARN) stays
     * whole on a line of its own: cut, it could no longer be copied or clicked.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R")) {
            String rest = paragraph.stripTrailing();
            while (rest.length() > width) {
                int space = rest.lastIndexOf(' ', width);
                if (space <= 0) {
                    space = rest.indexOf(' ', width);
                }
                if (space <= 0) {
                    break;
                }
                lines.add(rest.substring(0, space).stripTrailing());
                rest = rest.substring(space).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }
}
