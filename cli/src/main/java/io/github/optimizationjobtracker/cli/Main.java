package io.github.optimizationjobtracker.cli;

/** The tracker command line: {@code ./tracker --help}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(TrackerCli.run(Settings.ofThisMachine(), args));
    }
}
