package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.job.JobStatus;
import io.github.optimizationjobtracker.store.TableLayout;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", description = {
        "Jobs by status and time of their last change, or by creation time; newest first.",
        "--status reads index JobsByStatus; --created reads JobsByCreationTime, one query per year. Examples:",
        "  tracker list --status FAILED --since 15m",
        "  tracker list --created 2026-11-27..2026-11-30 --status COMPLETED"})
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    TrackerCommand tracker;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "STARTING, INPROGRESS, COMPLETED, FAILED, STOPPING, STOPPED, DELETED or CREATE_REJECTED."
                    + " With --created: only the jobs in that status now.")
    String status;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "With --status: changed at or after (15m, 36h, 7d, 2w, YYYY-MM-DD, an instant; default 7d).")
    TimeArgument since;

    @Option(names = "--until", paramLabel = "WHEN", description = "With --status: changed at or before.")
    TimeArgument until;

    @Option(names = "--created", paramLabel = "FROM[..TO]",
            description = "Created in this span: 2026-11-27, 2026-11-27..2026-11-30, 7d (until now).")
    TimeRange created;

    @Option(names = "--limit", paramLabel = "N", description = "At most N jobs (the newest).")
    Integer limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        Optional<String> wanted = Optional.ofNullable(status).map(ListCommand::checkedStatus);
        int most = limit == null ? Integer.MAX_VALUE : limit;
        if (most < 1) {
            throw TrackerException.usage("--limit takes a number of jobs, 1 or more, not " + limit);
        }
        Clock clock = tracker.settings().clock();
        ZoneId zone = tracker.times().zone();
        TimeStyle times = tracker.times();
        Tabular result;
        if (created != null) {
            if (since != null || until != null) {
                throw TrackerException.usage("--since and --until window a --status list; --created takes its own"
                        + " span (FROM..TO)");
            }
            Instant from = created.start(clock, zone);
            Instant to = created.end(clock, zone);
            checkOrder(from, to);
            List<JobRecord> jobs = tracker.queries().created(from, to, wanted, most);
            result = JobListView.of(jobs, JobListView.OrderedBy.CREATION, "no job" + wanted.map(s -> " now " + s)
                    .orElse("") + " was created between " + times.brief(from) + " and " + times.brief(to));
        } else if (wanted.isPresent()) {
            Instant from = (since == null ? TimeArgument.parse("7d") : since).start(clock, zone);
            Optional<Instant> to = Optional.ofNullable(until).map(u -> u.end(clock, zone));
            to.ifPresent(end -> checkOrder(from, end));
            List<JobRecord> jobs = tracker.queries().inStatus(wanted.get(), from, to, most);
            result = JobListView.of(jobs, JobListView.OrderedBy.LAST_CHANGE, "no " + wanted.get() + " job changed"
                    + " since " + times.brief(from) + to.map(end -> " until " + times.brief(end)).orElse(""));
        } else {
            throw TrackerException.usage("name what to list: --status STATUS [--since WHEN] or --created FROM[..TO]");
        }
        format.render(result, times, tracker.settings().out());
        return ExitCode.OK;
    }

    static String checkedStatus(String given) {
        String status = given.strip().toUpperCase(Locale.ROOT);
        if (!JobStatus.isKnown(status) && !TableLayout.REJECTED_CREATE_STATUS.equals(status)) {
            throw TrackerException.usage("unknown status '" + given + "': use one of " + JobStatus.LISTED + ", "
                    + TableLayout.REJECTED_CREATE_STATUS);
        }
        return status;
    }

    static void checkOrder(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw TrackerException.usage("the span ends before it starts (" + to + " is before " + from + ")");
        }
    }
}
