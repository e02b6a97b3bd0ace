package io.github.optimizationjobtracker.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code tracker}: the global options, and what every command gets from them (the table, the time style). Its
 * exit codes and footer are inherited, so every command's help lists them.
 */
@Command(name = "tracker", scope = ScopeType.INHERIT,
        description = "Asks the Optimization Job Tracker's table about SageMaker optimization jobs: one job, its"
                + " history, lists by status or creation day, and statistics. Reads only (GetItem and Query).",
        subcommands = {ShowCommand.class, HistoryCommand.class, ListCommand.class, StatsCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:job not found", "2:usage: unknown option, bad duration, date or status",
                "3:AWS or configuration: credentials, region, table or stack not found, access denied",
                "4:a fault of the tracker (rerun with --debug and report the stack trace)"},
        footerHeading = "%n",
        footer = "The table: --table, else the --stack's TableName output, else the TRACKER_TABLE variable.")
public final class TrackerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "The table's region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The AWS CLI profile to use (default: AWS_PROFILE, else the default chain).")
    String profile;

    @Option(names = "--table", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The tracker's DynamoDB table (default: --stack's TableName output, else TRACKER_TABLE).")
    String table;

    @Option(names = "--stack", paramLabel = "STACK", scope = ScopeType.INHERIT,
            description = "The tracker's CloudFormation stack: its TableName output names the table.")
    String stack;

    @Option(names = "--endpoint-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "DynamoDB endpoint, for the local stand-ins (dummy credentials if none are configured).")
    String endpointUrl;

    @Option(names = "--local-time", scope = ScopeType.INHERIT,
            description = "Show times, and read dates, in this machine's zone instead of UTC.")
    boolean localTime;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
    boolean debug;

    private final Settings settings;
    private Connection connection;

    TrackerCommand(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(settings.err());
        return ExitCode.USAGE;
    }

    Settings settings() {
        return settings;
    }

    JobQueries queries() {
        Connection open = connection();
        return new JobQueries(open.history(), settings.clock(), open.region().id());
    }

    TimeStyle times() {
        return localTime ? new TimeStyle(settings.localZone()) : TimeStyle.UTC;
    }

    Connection connection() {
        if (connection == null) {
            connection = new Connection(new ConnectionOptions(region, profile, table, stack, endpointUrl), settings);
        }
        return connection;
    }

    /** The connection if one was opened, for closing and for naming the table and region in messages. */
    Connection openedConnection() {
        return connection;
    }

    boolean debug() {
        return debug;
    }
}
