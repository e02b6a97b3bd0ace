package io.github.optimizationjobtracker.cli;

import static io.github.optimizationjobtracker.cli.Column.Kind.DURATION;
import static io.github.optimizationjobtracker.cli.Column.Kind.LIST;
import static io.github.optimizationjobtracker.cli.Column.Kind.TEXT;
import static io.github.optimizationjobtracker.cli.Column.Kind.TIME;

import java.util.List;

/**
 * {@code tracker list}'s columns. The table shows the time the list is ordered by (the last change for a status,
 * the creation for --created) and leaves the reason, sources and the other times to JSON and CSV.
 */
final class JobListView {
    /** Which time the list is ordered by. */
    enum OrderedBy { LAST_CHANGE, CREATION }

    private JobListView() {
    }

    static Tabular of(List<JobRecord> jobs, OrderedBy orderedBy, String emptyMessage) {
        Column created = Column.of("CREATED", "creationTime", TIME);
        Column lastChange = Column.of("LAST CHANGE", "lastModifiedTime", TIME);
        List<Column> columns = List.of(
                Column.of("NAME", "name", TEXT).shrinkingLast(),
                Column.of("STATUS", "status", TEXT),
                orderedBy == OrderedBy.CREATION ? created : created.notInTable(),
                orderedBy == OrderedBy.LAST_CHANGE ? lastChange : lastChange.notInTable(),
                Column.of("STARTED", "startTime", TIME).notInTable(),
                Column.of("ENDED", "endTime", TIME).notInTable(),
                Column.of("RUNTIME", "runtimeSeconds", DURATION),
                Column.of("INSTANCE TYPE", "instanceType", TEXT).shrinking(),
                Column.of("TYPES", "optimizationTypes", LIST).notInTable(),
                Column.of("CATEGORY", "failureCategory", TEXT).shrinking(),
                Column.of("FAILURE REASON", "failureReason", TEXT).notInTable(),
                Column.of("MODEL SOURCE", "modelSource", TEXT).notInTable(),
                Column.of("OUTPUT", "outputLocation", TEXT).notInTable(),
                Column.of("CREATED BY", "createdBy", TEXT).notInTable());
        List<Tabular.Row> rows = jobs.stream().map(job -> Tabular.Row.of(job.name(), job.status(), job.created(),
                job.lastChange(), job.started(), job.ended(), job.runtime().orElse(null), job.instanceType(),
                job.optimizationTypes(), job.category(), job.failureReason(), job.modelSource(), job.outputLocation(),
                job.createdBy())).toList();
        return new Tabular(columns, rows, emptyMessage);
    }
}
