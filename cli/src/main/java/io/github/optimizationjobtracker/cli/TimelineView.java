package io.github.optimizationjobtracker.cli;

import static io.github.optimizationjobtracker.cli.Column.Kind.DURATION;
import static io.github.optimizationjobtracker.cli.Column.Kind.FLAG;
import static io.github.optimizationjobtracker.cli.Column.Kind.TEXT;
import static io.github.optimizationjobtracker.cli.Column.Kind.TIME;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code tracker history}'s columns. A table marks where each incarnation begins with a line of its own; JSON and
 * CSV say it in every row (its creation time, and whether the row is its first).
 */
final class TimelineView {
    private TimelineView() {
    }

    static Tabular of(Timeline timeline, TimeStyle times) {
        List<Column> columns = List.of(
                Column.of("TIME", "time", TIME),
                Column.of("STATUS", "status", TEXT),
                Column.of("AFTER", "secondsSincePrevious", DURATION),
                Column.of("INCARNATION", "creationTime", TIME).notInTable(),
                Column.of("NEW INCARNATION", "newIncarnation", FLAG).notInTable(),
                Column.of("RECORDED FROM", "origin", TEXT).shrinking());
        List<Tabular.Row> rows = new ArrayList<>();
        boolean first = true;
        for (Timeline.Entry entry : timeline.entries()) {
            Tabular.Row row = Tabular.Row.of(entry.at(), entry.status(), entry.sincePrevious().orElse(null),
                    entry.incarnation(), entry.newIncarnation(), entry.origin());
            if (entry.newIncarnation()) {
                row = row.under((first ? "── job created " : "── new incarnation: job created again ")
                        + times.brief(entry.incarnation()) + " ──");
                first = false;
            }
            rows.add(row);
        }
        return new Tabular(columns, rows, "no status recorded for " + timeline.job());
    }
}
