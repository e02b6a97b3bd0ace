package io.github.optimizationjobtracker.cli;

/** The exit codes the tracker documents: scripts branch on them, so they never change meaning. */
public final class ExitCode {
    public static final int OK = 0;
    /** The job asked for is not in the table. */
    public static final int NOT_FOUND = 1;
    /** The command line is wrong: an unknown option, a bad duration, date or status. */
    public static final int USAGE = 2;
    /** AWS or its configuration: no credentials, no region, table or stack not found, access denied, unreachable. */
    public static final int AWS = 3;
    /** A fault of the tracker itself: the message asks for --debug. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
