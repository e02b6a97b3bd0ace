package io.github.optimizationjobtracker.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Everything the tracker takes from the machine it runs on, handed in rather than read where it is used: tests run
 * it with their own environment variables, home directory (where ~/.aws is looked for), fixed clock and zone, and
 * capture what it prints.
 *
 * @param environment the environment variables (AWS_PROFILE, AWS_REGION, TRACKER_TABLE, ...)
 * @param home        the user's home directory, for ~/.aws/config and ~/.aws/credentials
 * @param clock       "now", for --since 7d and for the age of running jobs
 * @param localZone   the zone --local-time shows
 * @param pageSize    items per Query page; empty: DynamoDB decides (tests force many small pages)
 */
public record Settings(Map<String, String> environment, Path home, Clock clock, ZoneId localZone, PrintWriter out,
                       PrintWriter err, OptionalInt pageSize) {

    public Settings {
        environment = Map.copyOf(environment);
    }

    /** The machine's own: its environment, home, clock and zone, printing to the console. */
    public static Settings ofThisMachine() {
        return new Settings(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemUTC(),
                ZoneId.systemDefault(), writer(System.out), writer(System.err), OptionalInt.empty());
    }

    private static PrintWriter writer(java.io.PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    public String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
