package io.github.optimizationjobtracker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "history", description = "Every status a job name went through, in time order, with the time"
        + " between consecutive statuses; each new incarnation of the name (created again) is marked.")
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    TrackerCommand tracker;

    @Parameters(paramLabel = "JOB", description = "The job's name.")
    String job;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Timeline timeline = tracker.queries().timeline(job);
        format.render(TimelineView.of(timeline, tracker.times()), tracker.times(), tracker.settings().out());
        return ExitCode.OK;
    }
}
