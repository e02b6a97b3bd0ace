package io.github.optimizationjobtracker.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Runs one tracker command line with the given settings and returns its exit code. Every failure a user can meet
 * ends as one line on stderr and a documented exit code (ExitCode); a stack trace only with --debug.
 */
public final class TrackerCli {
    private TrackerCli() {
    }

    public static int run(Settings settings, String... args) {
        TrackerCommand tracker = new TrackerCommand(settings);
        CommandLine commandLine = new CommandLine(tracker)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(TableRenderer.WIDTH)
                .setOut(settings.out())
                .setErr(settings.err())
                .registerConverter(TimeArgument.class, text -> converted(() -> TimeArgument.parse(text)))
                .registerConverter(TimeRange.class, text -> converted(() -> TimeRange.parse(text)))
                .setParameterExceptionHandler((problem, arguments) -> usageError(problem, settings.err()))
                .setExecutionExceptionHandler((failure, command, parsed) -> failed(failure, tracker, settings.err()));
        try {
            return commandLine.execute(args);
        } finally {
            if (tracker.openedConnection() != null) {
                tracker.openedConnection().close();
            }
            settings.out().flush();
            settings.err().flush();
        }
    }

    private static <T> T converted(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static int usageError(ParameterException problem, PrintWriter err) {
        String command = problem.getCommandLine().getCommandSpec().qualifiedName();
        err.println("tracker: " + oneLine(problem.getMessage()) + " (see " + command + " --help)");
        return ExitCode.USAGE;
    }

    private static int failed(Exception failure, TrackerCommand tracker, PrintWriter err) {
        Connection connection = tracker.openedConnection();
        String table = connection == null ? null : connection.tableOrNull();
        String region = connection == null ? "?" : regionOrUnknown(connection);
        TrackerException explained = AwsErrors.explain(failure, table, region);
        if (explained != null) {
            err.println("tracker: " + oneLine(explained.getMessage()));
        } else {
            err.println("tracker: internal error: " + oneLine(String.valueOf(failure))
                    + (tracker.debug() ? "" : " (rerun with --debug for the stack trace)"));
        }
        if (tracker.debug()) {
            failure.printStackTrace(err);
        }
        return explained != null ? explained.exitCode() : ExitCode.INTERNAL;
    }

    private static String regionOrUnknown(Connection connection) {
        try {
            return connection.region().id();
        } catch (TrackerException noRegion) {
            return "?";
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
