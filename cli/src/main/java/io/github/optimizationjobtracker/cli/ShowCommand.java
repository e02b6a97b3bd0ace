package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.store.AttributeValues;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Command(name = "show", description = "A job's current record, and the rejected creates of its name.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    TrackerCommand tracker;

    @Parameters(paramLabel = "JOB", description = "The job's name.")
    String job;

    @Option(names = "--json", description = "Print the current record as stored, as plain JSON.")
    boolean json;

    @Override
    public Integer call() {
        JobDetails details = tracker.queries().details(job);
        if (json) {
            var item = details.storedItem().orElseThrow(() -> TrackerException.notFound("no job named " + job
                    + " was recorded, only " + details.rejectedCreates().size() + " rejected create(s) of that name:"
                    + " run without --json to see them"));
            JsonOutput.print(JsonOutput.sorted(AttributeValues.toJson(AttributeValue.fromM(item))),
                    tracker.settings().out());
        } else {
            new JobDetailsView(tracker.times(), tracker.settings().clock().instant(), tracker.settings().out())
                    .print(details);
        }
        return ExitCode.OK;
    }
}
