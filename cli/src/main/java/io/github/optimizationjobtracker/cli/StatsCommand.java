package io.github.optimizationjobtracker.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "stats", description = {
        "Counts, failure rate and median runtime of the jobs created in a window, by group.",
        "Reads index JobsByCreationTime, one query per year. Per group: jobs, completed, failed,",
        "the failure rate (failed / (completed + failed)) and the median runtime of the completed jobs.",
        "The last row, (all), counts every job in the window."})
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    TrackerCommand tracker;

    @Option(names = "--since", paramLabel = "WHEN", defaultValue = "30d",
            description = "Created at or after (15m, 36h, 7d, 2w, YYYY-MM-DD, an instant; default ${DEFAULT-VALUE}).")
    TimeArgument since;

    @Option(names = "--until", paramLabel = "WHEN", description = "Created at or before (default: now).")
    TimeArgument until;

    @Option(names = "--by", paramLabel = "GROUP", description = "type, instance, category or status.")
    Grouping by;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Clock clock = tracker.settings().clock();
        ZoneId zone = tracker.times().zone();
        Instant from = since.start(clock, zone);
        Instant to = until == null ? clock.instant() : until.end(clock, zone);
        ListCommand.checkOrder(from, to);
        StatsReport report = tracker.queries().stats(from, to, Optional.ofNullable(by));
        format.render(StatsView.of(report), tracker.times(), tracker.settings().out());
        return ExitCode.OK;
    }
}
