package io.github.optimizationjobtracker.processor;

/**
 * The one INFO line the processor logs per recorded event is a contract with the dashboard: its by-status widget
 * counts events from these lines (their {@code status} field is the job status) instead of paying for a custom
 * metric per status.
 */
public final class RecordedLogLine {
    /** Every such line's message starts with this. */
    public static final String PREFIX = "recorded ";

    private RecordedLogLine() {
    }
}
