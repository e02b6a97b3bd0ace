package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/** Counts jobs into groups as they stream past, one job at a time: no page is held longer than it is read. */
final class StatsCalculator {
    private final Optional<Grouping> grouping;
    private final Map<String, Tally> groups = new LinkedHashMap<>();
    private final Tally all = new Tally(Grouping.ALL);

    StatsCalculator(Optional<Grouping> grouping) {
        this.grouping = grouping;
    }

    StatsCalculator addAll(Stream<JobRecord> jobs) {
        jobs.forEach(this::add);
        return this;
    }

    void add(JobRecord job) {
        all.add(job);
        grouping.ifPresent(by -> by.groupsOf(job).forEach(group ->
                groups.computeIfAbsent(group, Tally::new).add(job)));
    }

    /** The groups, largest first (ties by name), then every job. */
    List<GroupStats> result() {
        List<GroupStats> rows = new ArrayList<>(groups.values().stream()
                .sorted(Comparator.comparingInt((Tally t) -> -t.jobs).thenComparing(t -> t.group))
                .map(Tally::stats).toList());
        rows.add(all.stats());
        return rows;
    }

    private static final class Tally {
        private final String group;
        private int jobs;
        private int completed;
        private int failed;
        private final List<Duration> completedRuntimes = new ArrayList<>();

        Tally(String group) {
            this.group = group;
        }

        void add(JobRecord job) {
            jobs++;
            JobStatus status = JobStatus.of(job.status());
            if (status == JobStatus.COMPLETED) {
                completed++;
                job.runtime().ifPresent(completedRuntimes::add);
            } else if (status == JobStatus.FAILED) {
                failed++;
            }
        }

        GroupStats stats() {
            int ended = completed + failed;
            return new GroupStats(group, jobs, completed, failed,
                    ended == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) failed / ended), median());
        }

        /** The middle runtime; of an even count, the mean of the two middle ones (to the millisecond). */
        private Optional<Duration> median() {
            if (completedRuntimes.isEmpty()) {
                return Optional.empty();
            }
            List<Duration> sorted = completedRuntimes.stream().sorted().toList();
            int middle = sorted.size() / 2;
            if (sorted.size() % 2 == 1) {
                return Optional.of(sorted.get(middle));
            }
            long millis = (sorted.get(middle - 1).toMillis() + sorted.get(middle).toMillis()) / 2;
            return Optional.of(Duration.ofMillis(millis));
        }
    }
}
