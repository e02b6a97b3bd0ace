package io.github.optimizationjobtracker.cli;

/**
 * A failure a user will meet and can act on: its message is the one line printed on stderr, and it carries the
 * documented exit code. Anything else that escapes a command is a fault of the tracker.
 */
public final class TrackerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    private TrackerException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static TrackerException notFound(String message) {
        return new TrackerException(ExitCode.NOT_FOUND, message, null);
    }

    public static TrackerException usage(String message) {
        return new TrackerException(ExitCode.USAGE, message, null);
    }

    public static TrackerException aws(String message) {
        return new TrackerException(ExitCode.AWS, message, null);
    }

    /** An AWS or configuration failure, keeping what the SDK threw for --debug. */
    public static TrackerException aws(String message, Throwable cause) {
        return new TrackerException(ExitCode.AWS, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
