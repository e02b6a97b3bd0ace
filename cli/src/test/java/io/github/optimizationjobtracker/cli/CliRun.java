package io.github.optimizationjobtracker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Runs the tracker as a user would, in a machine of the test's making: no environment variables but the ones given,
 * an empty home (no ~/.aws), the clock stopped at {@link SeededJobs#NOW}, and output captured.
 */
final class CliRun {
    /** The zone --local-time shows in these tests: a half-hour offset, so no time looks like UTC by accident. */
    static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Kolkata");

    private final Map<String, String> environment = new HashMap<>();
    private OptionalInt pageSize = OptionalInt.empty();
    private Path home;

    /** What a run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    CliRun environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    CliRun pageSize(int items) {
        pageSize = OptionalInt.of(items);
        return this;
    }

    CliRun home(Path directory) {
        home = directory;
        return this;
    }

    /** Against the seeded table on dynalite: --endpoint-url and --table come first. */
    Result seeded(String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint-url", LocalTable.get().endpoint(),
                "--table", LocalTable.TABLE));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Settings settings = new Settings(environment, home == null ? emptyHome() : home,
                Clock.fixed(SeededJobs.NOW, ZoneOffset.UTC), LOCAL_ZONE, new PrintWriter(out, true),
                new PrintWriter(err, true), pageSize);
        int exit = TrackerCli.run(settings, args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static Path emptyHome() {
        try {
            Path home = Files.createTempDirectory("tracker-home-");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
