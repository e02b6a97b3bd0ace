package io.github.optimizationjobtracker.cli;

import static io.github.optimizationjobtracker.cli.Column.Kind.DURATION;
import static io.github.optimizationjobtracker.cli.Column.Kind.NUMBER;
import static io.github.optimizationjobtracker.cli.Column.Kind.RATIO;
import static io.github.optimizationjobtracker.cli.Column.Kind.TEXT;

import java.util.List;
import java.util.Locale;

/** {@code tracker stats}'s columns: one row per group, the row of every job last. */
final class StatsView {
    private StatsView() {
    }

    static Tabular of(StatsReport report) {
        String group = report.grouping().map(g -> g.label().toUpperCase(Locale.ROOT)).orElse("GROUP");
        List<Column> columns = List.of(
                Column.of(group, "group", TEXT).shrinking(),
                Column.of("JOBS", "jobs", NUMBER),
                Column.of("COMPLETED", "completed", NUMBER),
                Column.of("FAILED", "failed", NUMBER),
                Column.of("FAILURE RATE", "failureRate", RATIO),
                Column.of("MEDIAN RUNTIME", "medianRuntimeSeconds", DURATION));
        List<Tabular.Row> rows = report.groups().stream().map(g -> Tabular.Row.of(g.group(), g.jobs(), g.completed(),
                g.failed(), g.failureRate().isPresent() ? g.failureRate().getAsDouble() : null,
                g.medianRuntime().orElse(null))).toList();
        return new Tabular(columns, rows, "no jobs");
    }
}
