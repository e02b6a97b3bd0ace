package io.github.optimizationjobtracker.benchmark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a benchmark run measures and how often (see {@link Benchmark} for each option). */
record BenchmarkOptions(int runs, int warmups, int warmRounds, int warmWarmUp, int warmEvents, int pollJobs,
               boolean classDiff, Optional<Path> jar, int attributionRuns, int warmAttributionEvents,
               int warmAttributionRounds, int pairedRounds, int pairedEvents, int pairedBlock) {
    /** The command that builds the function and runs the benchmark with its defaults. */
    static final String COMMAND = "npm ci && mvn -B -q -pl function -DskipTests package && mvn -B -q -pl function "
            + "exec:java@benchmark";

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        boolean classDiff = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-class-diff")) {
                classDiff = false;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                values.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i] + " (see Benchmark's javadoc)");
            }
        }
        BenchmarkOptions options = new BenchmarkOptions(num(values, "runs", 12), num(values, "warmups", 2),
                num(values, "warm-rounds", 2), num(values, "warm-warmup", 300), num(values, "warm-events", 800),
                num(values, "poll-jobs", 10_000), classDiff, Optional.ofNullable(values.get("jar")).map(Path::of),
                num(values, "attribution-runs", 6), num(values, "warm-attribution-events", 300),
                num(values, "warm-attribution-rounds", 2), num(values, "paired-rounds", 4),
                num(values, "paired-events", 800), num(values, "paired-block", 20));
        if (options.pairedBlock() <= 0 || options.pairedBlock() % BenchmarkFixtures.WARM_MIX.length != 0) {
            throw new IllegalArgumentException("--paired-block must be a positive multiple of "
                    + BenchmarkFixtures.WARM_MIX.length + " (the event mix), got " + options.pairedBlock());
        }
        values.keySet().removeAll(List.of("runs", "warmups", "warm-rounds", "warm-warmup", "warm-events",
                "poll-jobs", "jar", "attribution-runs", "warm-attribution-events", "warm-attribution-rounds",
                "paired-rounds", "paired-events", "paired-block"));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + values.keySet());
        }
        return options;
    }

    private static int num(Map<String, String> values, String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }
}
