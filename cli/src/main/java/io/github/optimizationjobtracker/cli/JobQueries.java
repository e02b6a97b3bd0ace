package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.alert.JobLinks;
import io.github.optimizationjobtracker.event.JobNames;
import io.github.optimizationjobtracker.store.JobHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the tracker's commands ask of the table, answered through JobHistory's access patterns only (GetItem and
 * Query, never a Scan), in the tracker's own types. Knows nothing of options or printing.
 */
public final class JobQueries {
    /** How far back "did you mean" looks for names: the creation-time index, one query per year. */
    static final Duration SUGGESTION_WINDOW = Duration.ofDays(365);

    private final JobHistory history;
    private final Clock clock;
    /** The region the table is in: a job whose ARN names none is taken to be there too. */
    private final String region;

    public JobQueries(JobHistory history, Clock clock, String region) {
        this.history = history;
        this.clock = clock;
        this.region = region;
    }

    /** The job's current record and the rejected creates of its name; not found if there is neither. */
    public JobDetails details(String name) {
        Optional<Map<String, AttributeValue>> item = history.currentRecord(name);
        List<RejectedCreate> rejected = history.rejectedCreates(name).stream()
                .map(StoredItems::rejectedCreate).toList();
        if (item.isEmpty() && rejected.isEmpty()) {
            throw notFound(name);
        }
        Optional<JobRecord> job = item.map(StoredItems::job);
        String jobRegion = job.map(j -> JobNames.regionOf(j.arn())).orElse(null);
        return new JobDetails(name, job, item, JobLinks.consoleLink(jobRegion == null ? region : jobRegion, name),
                rejected);
    }

    /** Every status the name went through, with the time between consecutive statuses of one incarnation. */
    public Timeline timeline(String name) {
        List<StoredItems.HistoryEntry> stored = history.history(name).stream().map(StoredItems::historyEntry).toList();
        if (stored.isEmpty()) {
            throw notFound(name);
        }
        List<Timeline.Entry> entries = new ArrayList<>();
        StoredItems.HistoryEntry previous = null;
        for (StoredItems.HistoryEntry entry : stored) {
            boolean newIncarnation = previous == null || !previous.incarnation().equals(entry.incarnation());
            entries.add(new Timeline.Entry(entry.at(), entry.status(), entry.incarnation(), newIncarnation,
                    newIncarnation ? Optional.empty() : Optional.of(Duration.between(previous.at(), entry.at())),
                    entry.origin()));
            previous = entry;
        }
        return new Timeline(name, entries);
    }

    /** Jobs in a status whose last change is in [from, until] (until: none, up to the newest), newest first. */
    public List<JobRecord> inStatus(String status, Instant from, Optional<Instant> until, int limit) {
        Stream<Map<String, AttributeValue>> items = until
                .map(to -> history.inStatusChangedBetween(status, from, to))
                .orElseGet(() -> history.inStatusChangedSince(status, from));
        return items.limit(limit).map(StoredItems::job).toList();
    }

    /** Jobs created in [from, to], newest first, optionally only those in one status now. */
    public List<JobRecord> created(Instant from, Instant to, Optional<String> status, int limit) {
        return history.createdBetween(from, to, JobHistory.Order.NEWEST_FIRST)
                .map(StoredItems::job)
                .filter(job -> status.map(s -> s.equals(job.status())).orElse(true))
                .limit(limit)
                .toList();
    }

    /** The jobs created in [from, to], counted by group. */
    public StatsReport stats(Instant from, Instant to, Optional<Grouping> grouping) {
        List<GroupStats> groups = new StatsCalculator(grouping)
                .addAll(history.createdBetween(from, to, JobHistory.Order.OLDEST_FIRST).map(StoredItems::job))
                .result();
        return new StatsReport(grouping, from, to, groups);
    }

    private TrackerException notFound(String name) {
        Instant now = clock.instant();
        List<String> closest = NameSuggestions.closest(name,
                history.namesCreatedBetween(now.minus(SUGGESTION_WINDOW), now));
        String where = "no job named '" + name + "' in table " + history.table() + " (" + region + ")";
        return TrackerException.notFound(closest.isEmpty()
                ? where + "; no similar name was created in the last year"
                : where + "; closest names created in the last year: " + String.join(", ", closest));
    }
}
