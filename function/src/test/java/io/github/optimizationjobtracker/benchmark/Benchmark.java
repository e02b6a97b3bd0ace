package io.github.optimizationjobtracker.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.local.EventBridgeStandIn;
import io.github.optimizationjobtracker.local.LocalEnvironment;
import io.github.optimizationjobtracker.local.LocalResources;
import io.github.optimizationjobtracker.local.RepositoryLayout;
import io.github.optimizationjobtracker.local.SageMakerStandIn;
import io.github.optimizationjobtracker.local.StandIns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The performance benchmark the project ships: cold start, warm throughput, one poll over 10,000 jobs,
 * jar size and loaded classes, each against the local stand-ins and, where it applies, as a ratio against the
 * FLOOR ({@link FloorProcessor}: same SDK clients and AWS calls, none of the project's code) measured in the same
 * run. Not a test: nothing here fails a build; the targets are reported as PASS or FAIL.
 *
 * <pre>
 * npm ci &amp;&amp; mvn -B -q -pl function -DskipTests package &amp;&amp; mvn -B -q -pl function exec:java@benchmark
 * </pre>
 *
 * (with options: {@code mvn -B -q -pl function exec:java@benchmark -Dexec.args="--runs 4 ..."}; the measured work
 * runs in child JVMs, so the Maven JVM hosting this class only runs the stand-ins and reads the results.)
 *
 * Options: {@code --runs N} measured cold runs of each (default 12), {@code --warmups N} discarded cold runs of
 * each (2), {@code --paired-rounds N} paired warm rounds (4; the warm target's figure), {@code --paired-events N}
 * timed events per side and round (800), {@code --paired-block N} events per block (20, a multiple of 4),
 * {@code --warm-rounds N} one-JVM-per-side warm rounds (2), {@code --warm-warmup N} events (300),
 * {@code --warm-events N} measured events per round (800), {@code --poll-jobs N} (10000), {@code --no-class-diff}, {@code --jar PATH} (another
 * jar than {@code function/target/function.jar}, e.g. to compare builds), {@code --attribution-runs N} cold runs of
 * each attribution variant (6; 0 skips), {@code --warm-attribution-events N} timed events per warm attribution
 * variant and round (300; 0 skips), {@code --warm-attribution-rounds N} (2). Results go to stdout and to
 * {@code function/target/benchmark-results.md}; class lists to {@code function/target/benchmark/}. With the
 * environment variable {@code BENCH_DEBUG} set, every child command line and environment is logged; flags in
 * {@code BENCH_CHILD_FLAGS} are added to every child JVM (for profiling, e.g. {@code -XX:StartFlightRecording=...};
 * figures taken that way are not comparable).
 */
public final class Benchmark {
    /**
     * The child JVMs' flags: Lambda's Java flags ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}, which
     * the deployed functions also set in JAVA_TOOL_OPTIONS) plus an approximation of what Lambda's java21 runtime
     * gives a 1024 MB function: serial GC, about 85% of the memory as maximum heap, CDS on if available, IPv4.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx870m", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    static final String COMMAND = "npm ci && mvn -B -q -pl function -DskipTests package && mvn -B -q -pl function "
            + "exec:java@benchmark";
    private static final String SAMPLE_JOB = "llama3-8b-spec-decoding";
    private static final String JOB_ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/";
    private static final String NAME_TEMPLATE = "{{jsonPath request.body '$.OptimizationJobName'}}";
    private static final String[] PROBE_CLASSES = {"ProbeSupport", "ProbeContext", "BenchmarkFixtures",
        "ProjectProbe", "FloorProbe", "FloorProcessor", "FloorExtras", "PollerProbe", "PairedProbe"};
    private static final double COLD_TARGET = 1.15;
    private static final double WARM_TARGET = 1.10;
    private static final long JAR_TARGET_BYTES = 25_000_000L;
    private static final int LIST_CALLS_TARGET = 100;

    private final Options options;
    private final RepositoryLayout layout = RepositoryLayout.find();
    private final Path work;
    private final Path jar;
    private final String jarName;
    private final Path probeDir;
    private final Path pollerProbeDir;
    private final Path timedProbeDir;
    private final String javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<Process> children = new ArrayList<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Integer> alertsByJob = new ConcurrentHashMap<>();
    private final Map<String, Integer> alertBytesByJob = new ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final List<Double> loadSamples = java.util.Collections.synchronizedList(new ArrayList<>());

    private Map<String, String> callTimes = Map.of();
    private PairedRun pairedTimedRound;
    private StandIns standIns;
    private LocalEnvironment env;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private String inboxUrl;
    private String topicArn;

    record Options(int runs, int warmups, int warmRounds, int warmWarmUp, int warmEvents, int pollJobs,
                   boolean classDiff, Optional<Path> jar, int attributionRuns, int warmAttributionEvents,
                   int warmAttributionRounds, int pairedRounds, int pairedEvents, int pairedBlock) {
        static Options parse(String[] args) {
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
            Options options = new Options(num(values, "runs", 12), num(values, "warmups", 2),
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

    /** What one child JVM printed: its protocol lines, when "done" arrived, and its other output (counted). */
    record Child(Map<String, Map<String, String>> reports, double doneMs, int exitCode, long otherBytes,
                 long otherLines, String tail) {
        Map<String, String> report(String kind) {
            Map<String, String> report = reports.get(kind);
            if (report == null) {
                throw new IllegalStateException("the probe printed no '" + kind + "' line; exit " + exitCode
                        + "; its last output:\n" + tail);
            }
            return report;
        }

        double num(String kind, String key) {
            return Double.parseDouble(report(kind).get(key));
        }
    }

    record ColdRun(String who, int index, boolean measured, double parentMs, double uptimeAtEventMs,
                   double initMs, double firstEventMs, double cpuMs, double classes, long stdoutBytes,
                   long itemBytes, long alertBytes, double uptimeAtMainMs, double load) {
    }

    /** A variant of the floor (or the project) for cost attribution. */
    record Variant(String label, String who, List<String> jvmFlags, String extras) {
        List<String> args(List<String> base) {
            List<String> args = new ArrayList<>(base);
            if (extras != null) {
                args.add(extras);
            }
            return args;
        }
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("floor", "floor", List.of(), null),
            new Variant("floor + ScheduledEvents (event to ScheduledEvent)", "floor", List.of(), "event-reader"),
            new Variant("floor + Jackson ObjectMapper (tree in/out)", "floor", List.of(), "jackson"),
            new Variant("floor + metrics (EmfMetrics: one EMF line per event)", "floor", List.of(), "metrics"),
            new Variant("floor + Powertools logging (init, MDC, one INFO line per event)", "floor", List.of(), "powertools-logging"),
            new Variant("floor + all four", "floor", List.of(), "all"),
            new Variant("project", "project", List.of(), null),
            new Variant("floor without Log4j (SLF4J's NOP provider: the SDK's logging goes nowhere)", "floor",
                    List.of("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider"), null));

    record WarmRun(String who, int round, Map<String, String> values, long stdoutBytes, int events) {
        double perEventMs() {
            return Double.parseDouble(values.get("meanMs"));
        }

        double eventsPerSecond() {
            return Double.parseDouble(values.get("eventsPerSecond"));
        }

        double num(String key) {
            return Double.parseDouble(values.get(key));
        }
    }

    /** One round of the paired warm comparison: both sides in one JVM, alternating blocks of events. */
    record PairedRun(int round, Map<String, String> values, long stdoutBytes) {
        double num(String key) {
            return Double.parseDouble(values.get(key));
        }

        double projectMs() {
            return num("projectWallMs") / num("events");
        }

        double floorMs() {
            return num("floorWallMs") / num("events");
        }

        double ratio() {
            return num("projectWallMs") / num("floorWallMs");
        }

        double cpuRatio() {
            return num("projectCpuMs") / num("floorCpuMs");
        }
    }

    private Benchmark(Options options) throws IOException {
        this.options = options;
        Path built = options.jar().orElse(layout.root().resolve("function").resolve("target").resolve("function.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException("no " + built + ": build it first (" + COMMAND + ")");
        }
        work = Files.createTempDirectory("ojt-benchmark-");
        // A private copy: other builds may rewrite target/ while we run.
        jar = Files.copy(built, work.resolve("function.jar"));
        jarName = layout.root().relativize(built).toString();
        probeDir = copyProbeClasses(work.resolve("probe"), null);
        timedProbeDir = copyProbeClasses(work.resolve("probe-timed"), CallTimer.class);
        pollerProbeDir = copyProbeClasses(work.resolve("probe-poller"), CallCounter.class);
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("events"));
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark(Options.parse(args));
        try {
            benchmark.run();
        } finally {
            benchmark.cleanUp();
        }
    }

    private void run() throws Exception {
        watchdog.scheduleAtFixedRate(() -> loadSamples.add(loadAverage()), 0, 5, TimeUnit.SECONDS);
        String machine = machine();
        log("machine: " + machine.replace('\n', ' '));
        JarFacts jarFacts = jarFacts(jar);
        log(String.format(Locale.ROOT, "function.jar: %,d bytes, %,d classes", jarFacts.bytes(), jarFacts.classes()));

        standIns = StandIns.start(layout);
        env = standIns.environment();
        dynamoDb = env.dynamoDbClient();
        sqs = env.sqsClient();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String coldTable = "bench-cold-" + suffix;
        String warmTable = "bench-warm-" + suffix;
        String pollTable = "bench-poll-" + suffix;
        for (String table : List.of(coldTable, warmTable, pollTable)) {
            LocalResources.createTable(dynamoDb, table);
        }
        try (SnsClient sns = env.snsClient()) {
            String topic = "bench-alerts-" + suffix;
            inboxUrl = LocalResources.createTopicWithInbox(sns, sqs, topic, topic + "-inbox");
            topicArn = "arn:aws:sns:" + LocalEnvironment.REGION + ":" + LocalEnvironment.ACCOUNT + ":" + topic;
        }
        serveDescribeTemplates(standIns.sageMaker());

        List<ColdRun> cold = coldPhase(coldTable);
        String classDiff = options.classDiff() ? classLoadDiff(coldTable) : "(skipped: --no-class-diff)\n";
        List<ColdRun> coldAttribution = options.attributionRuns() > 0 ? coldAttribution(coldTable) : List.of();
        List<PairedRun> paired = pairedPhase(warmTable);
        List<WarmRun> warm = warmPhase(warmTable);
        List<WarmRun> warmAttribution = options.warmAttributionEvents() > 0 ? warmAttribution(warmTable) : List.of();
        Map<String, String> poll = pollPhase(pollTable);

        String results = results(machine, jarFacts, cold, paired, warm, poll, classDiff)
                + attribution(coldAttribution, warmAttribution);
        Path out = layout.root().resolve("function").resolve("target").resolve("benchmark-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, results);
        System.out.println();
        System.out.println(results);
        log("results written to " + out + " (total " + seconds(System.nanoTime() - startedNanos) + ")");
    }

    // ------------------------------------------------------------------------------------------------ cold start

    private List<ColdRun> coldPhase(String table) throws Exception {
        String event = Files.readString(layout.event("state-change-failed"));
        List<ColdRun> runs = new ArrayList<>();
        int total = options.warmups() + options.runs();
        log("cold: " + options.warmups() + " discarded + " + options.runs() + " measured runs of each probe, "
                + "alternating (ABBA order)");
        for (int i = 0; i < total; i++) {
            boolean measured = i >= options.warmups();
            // ABBA: project first on even pairs, floor first on odd pairs, so neither always follows the other.
            List<String> order = i % 2 == 0 ? List.of("project", "floor") : List.of("floor", "project");
            for (String who : order) {
                ColdRun run = coldRun(who, i, measured, table, event);
                runs.add(run);
                log(String.format(Locale.ROOT, "cold %-7s #%-2d %s %7.1f ms to first event done (init %.0f, "
                                + "event %.0f, cpu %.0f ms, %d classes)", who, i, measured ? "         " : "(warm-up)",
                        run.parentMs(), run.initMs(), run.firstEventMs(), run.cpuMs(), (long) run.classes()));
            }
        }
        return runs;
    }

    private ColdRun coldRun(String who, int index, boolean measured, String table, String sampleEvent)
            throws Exception {
        return coldRun(new Variant(who, who, List.of(), null), index, measured, table, sampleEvent);
    }

    private ColdRun coldRun(Variant variant, int index, boolean measured, String table, String sampleEvent)
            throws Exception {
        String job = BenchmarkFixtures.COLD_PREFIX + variant.who().charAt(0) + index + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Path eventFile = coldEvent(sampleEvent, job);
        double load = loadAverage();
        Child child = runChild(probeCommand(variant.who(), variant.jvmFlags(), probeDir,
                variant.args(List.of("cold", eventFile.toString())).toArray(String[]::new)),
                processorEnv(table), Duration.ofMinutes(2));
        Map<String, String> report = child.report("cold");
        if (!"PUBLISHED".equals(report.get("result"))) {
            throw new IllegalStateException(variant.label() + " cold run did not publish: " + report.get("result"));
        }
        long verifyStart = System.nanoTime();
        long itemBytes = verifyProcessed(table, job, "FAILED", true);
        awaitAlerts(j -> j.equals(job), 1, Duration.ofSeconds(20));
        if (System.getenv("BENCH_DEBUG") != null) {
            log(String.format(Locale.ROOT, "debug: verified in %.0f ms", (System.nanoTime() - verifyStart) / 1e6));
        }
        return new ColdRun(variant.label(), index, measured, child.doneMs(), child.num("cold", "uptimeAtEventMs"),
                child.num("cold", "initMs"), child.num("cold", "firstEventMs"), child.num("cold", "processCpuMs"),
                child.num("cold", "classesLoaded"), child.otherBytes(), itemBytes,
                alertBytesByJob.getOrDefault(job, -1), child.num("cold", "uptimeAtMainMs"), load);
    }

    /**
     * Cost attribution: the floor plus one of the project's libraries at a time (used as the project uses it),
     * all four, the project, and the floor without Log4j, interleaved (rotated order per round).
     */
    private List<ColdRun> coldAttribution(String table) throws Exception {
        String event = Files.readString(layout.event("state-change-failed"));
        List<ColdRun> runs = new ArrayList<>();
        log("attribution (cold): " + options.attributionRuns() + " runs of each of " + VARIANTS.size() + " variants");
        for (int round = -1; round < options.attributionRuns(); round++) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                Variant variant = VARIANTS.get(Math.floorMod(v + round, VARIANTS.size()));
                ColdRun run = coldRun(variant, 100 + round, round >= 0, table, event);
                runs.add(run);
            }
            if (round >= 0) {
                log("attribution (cold): round " + round + " done");
            }
        }
        return runs;
    }

    private List<WarmRun> warmAttribution(String table) throws Exception {
        Path template = warmTemplate();
        List<WarmRun> runs = new ArrayList<>();
        int warmUp = options.warmWarmUp();
        int events = options.warmAttributionEvents();
        log("attribution (warm): " + options.warmAttributionRounds() + " rounds of one JVM per variant, " + warmUp
                + " warm-up + " + events + " timed events each");
        for (int round = 0; round < options.warmAttributionRounds(); round++) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                Variant variant = VARIANTS.get(Math.floorMod(v + round, VARIANTS.size()));
                String tag = "a" + runs.size() + UUID.randomUUID().toString().substring(0, 4);
                Child child = runChild(probeCommand(variant.who(), variant.jvmFlags(), probeDir,
                        variant.args(List.of("warm", template.toString(), tag, Integer.toString(warmUp),
                                Integer.toString(events))).toArray(String[]::new)),
                        processorEnv(table), Duration.ofMinutes(10), false);
                verifyWarm(table, tag, warmUp + events);
                WarmRun run = new WarmRun(variant.label(), round, child.report("warm"), child.otherBytes(),
                        warmUp + events);
                runs.add(run);
                log(String.format(Locale.ROOT, "attribution (warm) round %d, %s: %.2f ms/event, handler CPU %s "
                        + "ms/event", round, variant.label(), run.perEventMs(), run.values().get("threadCpuMsPerEvent")));
            }
        }
        return runs;
    }

    private Path coldEvent(String sampleEvent, String job) throws IOException {
        ObjectNode event = (ObjectNode) Json.parse(sampleEvent.replace(SAMPLE_JOB, job).getBytes(StandardCharsets.UTF_8));
        event.put("id", UUID.randomUUID().toString());
        Path file = work.resolve("events").resolve(job + ".json");
        Files.writeString(file, Json.write(event));
        return file;
    }

    private String classLoadDiff(String table) throws Exception {
        log("class+load logs: one extra (untimed) cold run of each probe with -Xlog:class+load");
        String event = Files.readString(layout.event("state-change-failed"));
        Map<String, ClassLoadReport.Run> runs = new LinkedHashMap<>();
        for (String who : List.of("project", "floor")) {
            Path log = work.resolve("classload-" + who + ".log");
            String job = BenchmarkFixtures.COLD_PREFIX + who.charAt(0) + "x-" + UUID.randomUUID().toString().substring(0, 8);
            Child child = runChild(probeCommand(who, List.of("-Xlog:class+load=info:file=" + log), probeDir, "cold",
                    coldEvent(event, job).toString()), processorEnv(table), Duration.ofMinutes(2));
            child.report("cold");
            verifyProcessed(table, job, "FAILED", true);
            awaitAlerts(j -> j.equals(job), 1, Duration.ofSeconds(20));
            runs.put(who, ClassLoadReport.parse(log));
        }
        Path lists = layout.root().resolve("function").resolve("target").resolve("benchmark");
        ClassLoadReport.writeLists(lists, runs.get("project"), runs.get("floor"));
        return ClassLoadReport.markdown(runs.get("project"), runs.get("floor"))
                + "\nFull lists: `function/target/benchmark/classes-{project,floor,project-only}.txt`.\n";
    }

    // ------------------------------------------------------------------------------------------------ warm

    private List<WarmRun> warmPhase(String table) throws Exception {
        Path template = warmTemplate();
        List<WarmRun> runs = new ArrayList<>();
        log("warm: " + options.warmRounds() + " rounds, each a fresh JVM per side: " + options.warmWarmUp()
                + " warm-up events, then " + options.warmEvents() + " timed events (half FAILED)");
        for (int round = 0; round < options.warmRounds(); round++) {
            List<String> order = round % 2 == 0 ? List.of("project", "floor") : List.of("floor", "project");
            for (String who : order) {
                String tag = who.charAt(0) + Integer.toString(round) + UUID.randomUUID().toString().substring(0, 4);
                int count = options.warmWarmUp() + options.warmEvents();
                Child child = runChild(probeCommand(who, List.of(), probeDir, "warm", template.toString(), tag,
                        Integer.toString(options.warmWarmUp()), Integer.toString(options.warmEvents())),
                        processorEnv(table), Duration.ofMinutes(10), false);
                Map<String, String> values = child.report("warm");
                verifyWarm(table, tag, count);
                WarmRun run = new WarmRun(who, round, values, child.otherBytes(), count);
                runs.add(run);
                log(String.format(Locale.ROOT, "warm %-7s round %d: %.1f events/s, %.2f ms/event (p50 %s, p99 %s), "
                                + "JVM CPU %s ms/event, stdout %,d bytes", who, round, run.eventsPerSecond(),
                        run.perEventMs(), values.get("p50Ms"), values.get("p99Ms"), values.get("processCpuMsPerEvent"),
                        child.otherBytes()));
            }
        }
        return runs;
    }

    /**
     * The warm target's measurement: each round one fresh JVM holding both the project's handler and the floor,
     * fed alternating blocks of distinct events ({@link PairedProbe}), so load changes on this shared machine fall
     * on both sides alike.
     */
    private List<PairedRun> pairedPhase(String table) throws Exception {
        Path template = warmTemplate();
        List<PairedRun> runs = new ArrayList<>();
        log("warm, paired: " + options.pairedRounds() + " rounds, each one JVM with both handlers: "
                + options.warmWarmUp() + " warm-up events each, then " + options.pairedEvents()
                + " timed events each in alternating blocks of " + options.pairedBlock());
        for (int round = 0; round < options.pairedRounds(); round++) {
            String id = Integer.toString(round) + UUID.randomUUID().toString().substring(0, 4);
            String projectTag = "pp" + id;
            String floorTag = "pf" + id;
            Child child = runChild(probeCommand("paired", List.of(), probeDir, "warm", template.toString(), projectTag,
                    floorTag, Integer.toString(options.warmWarmUp()), Integer.toString(options.pairedEvents()),
                    Integer.toString(options.pairedBlock())), processorEnv(table), Duration.ofMinutes(15), false);
            int count = options.warmWarmUp() + options.pairedEvents();
            verifyWarm(table, projectTag, count);
            verifyWarm(table, floorTag, count);
            PairedRun run = new PairedRun(round, child.report("paired"), child.otherBytes());
            runs.add(run);
            log(String.format(Locale.ROOT, "warm, paired round %d: project %.2f ms/event, floor %.2f ms/event, "
                            + "ratio %.3f (median block pair %s), handler CPU ratio %.3f", round, run.projectMs(),
                    run.floorMs(), run.ratio(), run.values().get("medianBlockRatio"), run.cpuRatio()));
        }
        if (options.pairedRounds() > 0) {
            // One more round, not counted: every SDK call timed, to show where each side's time goes.
            String id = "t" + UUID.randomUUID().toString().substring(0, 4);
            Child child = runChild(probeCommand("paired", List.of("-Dbench.callTimes=true"), timedProbeDir, "warm",
                    template.toString(), "pp" + id, "pf" + id, Integer.toString(options.warmWarmUp()),
                    Integer.toString(options.pairedEvents()), Integer.toString(options.pairedBlock())),
                    processorEnv(table), Duration.ofMinutes(15), false);
            verifyWarm(table, "pp" + id, options.warmWarmUp() + options.pairedEvents());
            verifyWarm(table, "pf" + id, options.warmWarmUp() + options.pairedEvents());
            callTimes = child.report("calls");
            pairedTimedRound = new PairedRun(-1, child.report("paired"), child.otherBytes());
        }
        return runs;
    }

    /** The timed paired round's table: per side and operation, mean call time and its HTTP part. */
    private String callTimesTable() {
        if (callTimes.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Where the time goes: one more paired round (not in the figures above; its "
                        + "wall ratio was %.3f) with every SDK call timed by an SDK interceptor. \"HTTP\" is from the "
                        + "request being sent to the response headers being read: the stand-in's own time plus "
                        + "loopback; the rest of a call is the SDK's work in the function's JVM (marshalling, signing, "
                        + "unmarshalling the body). Per event = mean x calls per event.%n%n", pairedTimedRound.ratio()));
        md.append("| operation | calls per event | project: call / HTTP ms | floor: call / HTTP ms | ")
                .append("project - floor per event: call / HTTP ms |\n|---|---:|---|---|---|\n");
        double events = pairedTimedRound.num("events");
        double[] sum = new double[4];
        for (String op : callTimes.keySet().stream().map(k -> k.substring(k.indexOf('/') + 1)).distinct().sorted()
                .toList()) {
            long[] p = parseCalls(callTimes.get("project/" + op));
            long[] f = parseCalls(callTimes.get("floor/" + op));
            double perEvent = p[0] / events;
            double pCall = p[1] / 1e6 / Math.max(1, p[0]);
            double pHttp = p[2] / 1e6 / Math.max(1, p[0]);
            double fCall = f[1] / 1e6 / Math.max(1, f[0]);
            double fHttp = f[2] / 1e6 / Math.max(1, f[0]);
            sum[0] += p[1] / 1e6 / events;
            sum[1] += p[2] / 1e6 / events;
            sum[2] += f[1] / 1e6 / events;
            sum[3] += f[2] / 1e6 / events;
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.3f / %.3f | %.3f / %.3f | %+.3f / %+.3f |%n", op,
                    perEvent, pCall, pHttp, fCall, fHttp, (pCall - fCall) * perEvent, (pHttp - fHttp) * perEvent));
        }
        md.append(String.format(Locale.ROOT, "| all calls, per event | | %.3f / %.3f | %.3f / %.3f | %+.3f / %+.3f |%n",
                sum[0], sum[1], sum[2], sum[3], sum[0] - sum[2], sum[1] - sum[3]));
        md.append(String.format(Locale.ROOT, "| whole event (wall) | | %.3f | %.3f | %+.3f |%n%n",
                pairedTimedRound.projectMs(), pairedTimedRound.floorMs(),
                pairedTimedRound.projectMs() - pairedTimedRound.floorMs()));
        return md.toString();
    }

    private static long[] parseCalls(String value) {
        if (value == null) {
            return new long[3];
        }
        String[] parts = value.split(":");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    private Path warmTemplate() throws IOException {
        ObjectNode event = (ObjectNode) Json.parse(Files.readAllBytes(layout.event("state-change-failed")));
        event.put("id", "__ID__");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("OptimizationJobName", "__JOB__");
        detail.put("OptimizationJobArn", JOB_ARN_PREFIX + "__JOB__");
        detail.put("OptimizationJobStatus", "__STATUS__");
        ((ArrayNode) event.get("resources")).removeAll().add(JOB_ARN_PREFIX + "__JOB__");
        Path file = work.resolve("events").resolve("warm-template.json");
        Files.writeString(file, Json.write(event));
        return file;
    }

    private void verifyWarm(String table, String tag, int count) {
        Map<String, String> expected = new LinkedHashMap<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            String[] kind = BenchmarkFixtures.WARM_MIX[i % BenchmarkFixtures.WARM_MIX.length];
            expected.put(kind[0] + tag + "-" + i, kind[1]);
            if (kind[1].equals("FAILED")) {
                failed++;
            }
        }
        List<String> names = new ArrayList<>(expected.keySet());
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < names.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = names.subList(from, Math.min(names.size(), from + 100)).stream()
                    .map(n -> Map.of("JobName", AttributeValue.fromS(n), "RecordKey", AttributeValue.fromS("CURRENT")))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get("JobName").s(), item.get("Status").s()));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        List<String> wrong = expected.entrySet().stream()
                .filter(e -> !e.getValue().equals(found.get(e.getKey()))).map(Map.Entry::getKey).limit(5).toList();
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("warm run " + tag + ": current records missing or wrong for " + wrong);
        }
        String failedPrefix = "wf-" + tag + "-";
        awaitAlerts(j -> j.startsWith(failedPrefix), failed, Duration.ofSeconds(60));
    }

    // ------------------------------------------------------------------------------------------------ poller

    private Map<String, String> pollPhase(String table) throws Exception {
        int jobs = options.pollJobs();
        log("poller: one poll over " + jobs + " jobs (fresh JVM, fresh table: every job is news)");
        SageMakerStandIn sageMaker = standIns.sageMaker();
        EventBridgeStandIn bus = standIns.eventBridge();
        sageMaker.serveJobs(pollJobs(jobs));
        bus.drain();
        int listBefore = sageMaker.calls(SageMakerStandIn.LIST);
        int putBefore = bus.putEventsCalls();
        Path event = work.resolve("events").resolve("scheduled.json");
        Files.writeString(event, "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":"
                + "\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"" + LocalEnvironment.ACCOUNT
                + "\",\"time\":\"" + Instant.now() + "\",\"region\":\"" + LocalEnvironment.REGION
                + "\",\"resources\":[\"arn:aws:events:us-east-1:000000000000:rule/poller-schedule\"],\"detail\":{}}");
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(commandPrefix(List.of(), pollerProbeDir));
        command.addAll(List.of(PollerProbe.class.getName(), "poll", event.toString()));
        Child child = runChild(command, pollerEnv(table), Duration.ofMinutes(10));
        double processMs = (System.nanoTime() - started) / 1e6;
        Map<String, String> values = new LinkedHashMap<>(child.report("poller"));
        int delivered = bus.drain().size();
        values.put("standInListCalls", Integer.toString(sageMaker.calls(SageMakerStandIn.LIST) - listBefore));
        values.put("standInPutEventsCalls", Integer.toString(bus.putEventsCalls() - putBefore));
        values.put("eventsDelivered", Integer.toString(delivered));
        values.put("jobsInStandIn", Integer.toString(jobs));
        values.put("processWallMs", String.format(Locale.ROOT, "%.1f", processMs));
        if (delivered != jobs || !"true".equals(values.get("complete"))) {
            throw new IllegalStateException("poll did not deliver every job: " + delivered + " of " + jobs + ", " + values);
        }
        log("poller: " + values);
        return values;
    }

    private static List<JsonNode> pollJobs(int count) {
        String[] statuses = {"STARTING", "INPROGRESS", "COMPLETED", "FAILED", "STOPPING", "STOPPED"};
        Instant now = Instant.now();
        List<JsonNode> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = "poll-" + i;
            ObjectNode job = Json.object();
            job.put("OptimizationJobName", name);
            job.put("OptimizationJobArn", JOB_ARN_PREFIX + name);
            job.put("OptimizationJobStatus", statuses[i % statuses.length]);
            job.put("CreationTime", epochSeconds(now.minusSeconds(7200 + i)));
            job.put("LastModifiedTime", epochSeconds(now.minusSeconds(3600 - (i % 3000))));
            job.put("DeploymentInstanceType", "ml.g5.12xlarge");
            job.putArray("OptimizationTypes").add("Quantization");
            jobs.add(job);
        }
        return jobs;
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    // ------------------------------------------------------------------------------------------------ stand-ins

    /**
     * One DescribeOptimizationJob answer per job-name prefix, with the requested name templated in, so any number
     * of distinct jobs costs the stand-in the same (no per-job stubs piling up).
     */
    private void serveDescribeTemplates(SageMakerStandIn sageMaker) throws IOException {
        ObjectNode base = (ObjectNode) Json.parse(Files.readAllBytes(
                layout.describeFixtures().resolve(SAMPLE_JOB + ".json")));
        for (String[] entry : BenchmarkFixtures.STATUS_BY_PREFIX) {
            ObjectNode body = base.deepCopy();
            body.put("OptimizationJobName", NAME_TEMPLATE);
            body.put("OptimizationJobArn", JOB_ARN_PREFIX + NAME_TEMPLATE);
            body.put("OptimizationJobStatus", entry[1]);
            if (!entry[1].equals("FAILED")) {
                body.remove("FailureReason");
            }
            if (entry[1].equals("INPROGRESS")) {
                body.remove("OptimizationEndTime");
            }
            sageMaker.server().stubFor(SageMakerStandIn.operation(SageMakerStandIn.DESCRIBE).atPriority(5)
                    .withRequestBody(matchingJsonPath("$.OptimizationJobName", matching(Pattern.quote(entry[0]) + ".*")))
                    .willReturn(SageMakerStandIn.ok(Json.write(body)).withTransformers("response-template")));
        }
    }

    /** Checks the job's current record, history entry and sent alert; returns the bytes stored for it (approx.). */
    private long verifyProcessed(String table, String job, String status, boolean alert) {
        List<Map<String, AttributeValue>> items = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("JobName = :j")
                .expressionAttributeValues(Map.of(":j", AttributeValue.fromS(job)))).items();
        Optional<Map<String, AttributeValue>> current = items.stream()
                .filter(i -> "CURRENT".equals(i.get("RecordKey").s())).findFirst();
        boolean history = items.stream().anyMatch(i -> i.get("RecordKey").s().startsWith("HISTORY#")
                && status.equals(i.get("Status").s()));
        boolean sent = items.stream().anyMatch(i -> i.get("RecordKey").s().startsWith("ALERT#")
                && i.containsKey("AlertState") && "SENT".equals(i.get("AlertState").s()));
        if (current.isEmpty() || !status.equals(current.get().get("Status").s()) || !history || (alert && !sent)) {
            throw new IllegalStateException("job " + job + " was not fully processed: " + items);
        }
        return items.stream().mapToLong(Benchmark::itemBytes).sum();
    }

    /** DynamoDB's item size rule, roughly: attribute names plus values, nested. */
    private static long itemBytes(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue());
        }
        return size;
    }

    private static long valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.hasM()) {
            return 3 + itemBytes(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(Benchmark::valueBytes).sum();
        }
        return 1;
    }

    /** Waits until the inbox (SQS subscribed to the topic) holds {@code expected} alerts for matching jobs. */
    private void awaitAlerts(Predicate<String> jobs, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            drainInbox();
            int seen = alertsByJob.entrySet().stream().filter(e -> jobs.test(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            if (seen >= expected) {
                if (seen > expected) {
                    throw new IllegalStateException("more alerts than events: " + seen + " > " + expected);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " alerts arrived in " + timeout);
            }
            sleep(100);
        }
    }

    private void drainInbox() {
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(inboxUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message message : messages) {
                JsonNode envelope = Json.parse(message.body().getBytes(StandardCharsets.UTF_8));
                JsonNode job = envelope.path("MessageAttributes").path("jobName").path("Value");
                alertsByJob.merge(job.isMissingNode() ? "?" : job.asText(), 1, Integer::sum);
                alertBytesByJob.put(job.isMissingNode() ? "?" : job.asText(),
                        envelope.path("Message").asText().getBytes(StandardCharsets.UTF_8).length);
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(inboxUrl).entries(done));
        }
    }

    // ------------------------------------------------------------------------------------------------ child JVMs

    private List<String> probeCommand(String who, List<String> extraFlags, Path classes, String... args) {
        List<String> command = new ArrayList<>(commandPrefix(extraFlags, classes));
        command.add(switch (who) {
            case "project" -> ProjectProbe.class.getName();
            case "paired" -> PairedProbe.class.getName();
            default -> FloorProbe.class.getName();
        });
        command.addAll(Arrays.asList(args));
        return command;
    }

    private List<String> commandPrefix(List<String> extraFlags, Path classes) {
        List<String> command = new ArrayList<>();
        command.add(javaLauncher);
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(extraFlags);
        String profiling = System.getenv("BENCH_CHILD_FLAGS");
        if (profiling != null && !profiling.isBlank()) {
            command.addAll(Arrays.asList(profiling.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + classes);
        return command;
    }

    /** The environment Lambda gives the processor (template.yaml), with endpoint overrides to the stand-ins. */
    private Map<String, String> processorEnv(String table) {
        Map<String, String> vars = lambdaEnv("optimization-job-processor");
        vars.put("TABLE_NAME", table);
        vars.put("ALERT_TOPIC_ARN", topicArn);
        vars.put("ALERT_STATUSES", "FAILED");
        vars.put("HISTORY_RETENTION_DAYS", "0");
        vars.put(EnvironmentVariables.ENDPOINT_DYNAMODB, env.dynamoDb());
        vars.put(EnvironmentVariables.ENDPOINT_SNS, env.sns());
        vars.put(EnvironmentVariables.ENDPOINT_SAGEMAKER, env.sageMaker());
        return vars;
    }

    private Map<String, String> pollerEnv(String table) {
        Map<String, String> vars = lambdaEnv("optimization-job-poller");
        vars.put("TABLE_NAME", table);
        vars.put("EVENT_BUS_NAME", "default");
        vars.put("POLL_OVERLAP_SECONDS", "300");
        vars.put("POLL_BACKFILL_HOURS", "24");
        vars.put("POLL_PAGE_SIZE", "100");
        vars.put(EnvironmentVariables.ENDPOINT_DYNAMODB, env.dynamoDb());
        vars.put(EnvironmentVariables.ENDPOINT_SAGEMAKER, env.sageMaker());
        vars.put(EnvironmentVariables.ENDPOINT_EVENTBRIDGE, env.eventBridge());
        return vars;
    }

    /** Only what Lambda sets (no inherited variables: no profiles, no real credentials, nothing from this shell). */
    private Map<String, String> lambdaEnv(String function) {
        Map<String, String> vars = new TreeMap<>();
        vars.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        vars.put("HOME", work.resolve("home").toString());
        vars.put("LANG", "en_US.UTF-8");
        vars.put("TZ", ":UTC");
        vars.put("AWS_REGION", LocalEnvironment.REGION);
        vars.put("AWS_DEFAULT_REGION", LocalEnvironment.REGION);
        vars.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        vars.put("AWS_LAMBDA_FUNCTION_NAME", function);
        vars.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        vars.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        vars.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        vars.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function);
        vars.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]benchmark");
        // The stand-ins accept any credentials; Lambda passes its role's credentials in these three variables.
        vars.put("AWS_ACCESS_KEY_ID", "local");
        vars.put("AWS_SECRET_ACCESS_KEY", "local");
        vars.put("AWS_SESSION_TOKEN", "local");
        vars.put("POWERTOOLS_SERVICE_NAME", "optimization-job-tracker");
        vars.put("POWERTOOLS_METRICS_NAMESPACE", "OptimizationJobTracker");
        vars.put("POWERTOOLS_LOG_LEVEL", "INFO");
        return vars;
    }

    /**
     * Starts a child JVM and reads its stdout until it ends. {@code doneMs} is measured by this process, from just
     * before {@link ProcessBuilder#start()} to reading the child's "done" line: process start to work done,
     * JVM boot included.
     */
    private Child runChild(List<String> command, Map<String, String> environment, Duration timeout) throws Exception {
        return runChild(command, environment, timeout, true);
    }

    /**
     * Runs a probe. {@code live}: read its stdout as it comes (the cold runs time the "done" line); otherwise the
     * stdout goes to a file read after exit, so that consuming the function's logs does not compete for CPU with
     * the stand-ins in this JVM while the probe measures (Lambda ships logs outside the function's AWS calls).
     */
    private Child runChild(List<String> command, Map<String, String> environment, Duration timeout, boolean live)
            throws Exception {
        if (System.getenv("BENCH_DEBUG") != null) {
            log("debug: " + String.join(" ", command) + "\n  env " + environment);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path stderr = Files.createTempFile(work, "stderr-", ".txt");
        builder.redirectError(stderr.toFile());
        Path stdoutFile = live ? null : Files.createTempFile(work, "stdout-", ".txt");
        if (!live) {
            builder.redirectOutput(stdoutFile.toFile());
        }
        Map<String, Map<String, String>> reports = new LinkedHashMap<>();
        Deque<String> tail = new ArrayDeque<>();
        long otherBytes = 0;
        long otherLines = 0;
        double doneMs = -1;
        long start = System.nanoTime();
        Process process = builder.start();
        children.add(process);
        ScheduledFuture<?> kill = watchdog.schedule(process::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!live) {
            process.waitFor();
        }
        try (BufferedReader out = live ? new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8), 1 << 16) : Files.newBufferedReader(stdoutFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ProbeSupport.PREFIX)) {
                    if (doneMs < 0 && line.equals(ProbeSupport.PREFIX + "done")) {
                        doneMs = (System.nanoTime() - start) / 1e6;
                    }
                    String[] parts = line.substring(ProbeSupport.PREFIX.length()).split(" ");
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 1; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                    }
                    reports.put(parts[0], values);
                } else {
                    otherBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                    otherLines++;
                    tail.addLast(line.length() > 2000 ? line.substring(0, 2000) + "..." : line);
                    if (tail.size() > 30) {
                        tail.removeFirst();
                    }
                }
            }
        }
        long eofNanos = System.nanoTime();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (System.getenv("BENCH_DEBUG") != null) {
            log(String.format(Locale.ROOT, "debug: done %.0f ms, stdout EOF %.0f ms, exit %.0f ms", doneMs,
                    (eofNanos - start) / 1e6, (System.nanoTime() - start) / 1e6));
        }
        kill.cancel(false);
        children.remove(process);
        int exit = exited ? process.exitValue() : -1;
        if (!exited) {
            process.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        if (stdoutFile != null) {
            Files.deleteIfExists(stdoutFile);
        }
        if (exit != 0 || doneMs < 0) {
            throw new IllegalStateException("probe failed (exit " + exit + "): " + String.join(" ", command)
                    + "\n--- stdout (tail) ---\n" + String.join("\n", tail) + "\n--- stderr ---\n" + errors);
        }
        return new Child(reports, doneMs, exit, otherBytes, otherLines,
                String.join("\n", tail) + (errors.isBlank() ? "" : "\n--- stderr ---\n" + errors));
    }

    /** The probe classes, plus {@code interceptor} (if not null) registered as an SDK global interceptor. */
    private Path copyProbeClasses(Path target, Class<?> interceptor) throws IOException {
        Path source;
        try {
            source = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String pkg = Benchmark.class.getPackageName().replace('.', '/');
        Path from = source.resolve(pkg);
        Path to = target.resolve(pkg);
        Files.createDirectories(to);
        List<String> wanted = new ArrayList<>(Arrays.asList(PROBE_CLASSES));
        if (interceptor != null) {
            wanted.add(interceptor.getSimpleName());
            Path services = target.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
            Files.createDirectories(services.getParent());
            Files.writeString(services, interceptor.getName() + "\n");
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String outer = name.replaceAll("(\\$.*)?\\.class$", "");
                if (name.endsWith(".class") && wanted.contains(outer)) {
                    Files.copy(file, to.resolve(name));
                }
            }
        }
        return target;
    }

    private void cleanUp() {
        for (Process process : new ArrayList<>(children)) {
            process.destroyForcibly();
        }
        watchdog.shutdownNow();
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (standIns != null) {
            standIns.close();
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log("could not delete " + work + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ facts

    record JarFacts(long bytes, int entries, int classes, List<Map.Entry<String, long[]>> biggest) {
    }

    private static JarFacts jarFacts(Path jar) throws IOException {
        Map<String, long[]> byLibrary = new HashMap<>();
        int entries = 0;
        int classes = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                String name = entry.getName();
                String group;
                if (name.endsWith(".class")) {
                    classes++;
                    String className = name.replaceFirst("^META-INF/versions/\\d+/", "")
                            .replace('/', '.').replaceFirst("\\.class$", "");
                    group = ClassLoadReport.library(className);
                    if (group.startsWith("JDK") || group.equals(className)) {
                        group = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : className;
                    }
                } else {
                    group = "(resources) " + (name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
                }
                long[] sizes = byLibrary.computeIfAbsent(group, g -> new long[3]);
                sizes[0] += Math.max(0, entry.getCompressedSize());
                sizes[1] += Math.max(0, entry.getSize());
                sizes[2]++;
            }
        }
        List<Map.Entry<String, long[]>> biggest = byLibrary.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(15).toList();
        return new JarFacts(Files.size(jar), entries, classes, biggest);
    }

    private String machine() {
        String cpu = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        String os = System.getProperty("os.name");
        try (Stream<String> lines = Files.lines(Path.of("/etc/os-release"))) {
            os = lines.filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                    .map(l -> l.substring(12).replace("\"", "")).orElse(os);
        } catch (IOException | UncheckedIOException e) {
            // keep os.name
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String node = "?";
        try {
            Process p = new ProcessBuilder(System.getenv().getOrDefault("NODE", "node"), "--version")
                    .redirectErrorStream(true).start();
            node = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
        } catch (IOException | InterruptedException e) {
            // unknown
        }
        return String.format(Locale.ROOT, "- CPU: %s, %d cores available to the JVM%n- Memory: %.1f GiB%n"
                        + "- OS: %s (kernel %s, %s)%n- JDK (benchmark and child JVMs): %s %s (%s)%n"
                        + "- Stand-ins: dynalite and fauxqs on Node %s, WireMock (SageMaker, EventBridge) in the "
                        + "benchmark's JVM; all on loopback, sharing the same cores",
                cpu, Runtime.getRuntime().availableProcessors(), memory / (1024.0 * 1024 * 1024), os,
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"), System.getProperty("java.home"), node);
    }

    // ------------------------------------------------------------------------------------------------ report

    private String results(String machine, JarFacts jar, List<ColdRun> cold, List<PairedRun> paired,
                           List<WarmRun> warm, Map<String, String> poll, String classDiff) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Measured ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" on:\n\n").append(machine).append("\n\n");
        md.append("Command: `").append(COMMAND).append("`");
        md.append(String.format(Locale.ROOT, " (this run: --runs %d --warmups %d --paired-rounds %d --paired-events %d "
                        + "--paired-block %d --warm-rounds %d --warm-warmup %d --warm-events %d --poll-jobs %d; took %s)"
                        + "%n%n", options.runs(), options.warmups(), options.pairedRounds(), options.pairedEvents(),
                options.pairedBlock(), options.warmRounds(), options.warmWarmUp(), options.warmEvents(),
                options.pollJobs(), seconds(System.nanoTime() - startedNanos)));
        md.append("Child JVM flags (cold, warm and poller probes): `").append(String.join(" ", LAMBDA_JVM_FLAGS))
                .append("`; class path = `").append(jarName).append("` + the probe classes only. Lambda runs Java 21; ")
                .append("this machine runs the JDK above, so absolute times differ from Lambda's (and Lambda at ")
                .append("1024 MB gets well under one vCPU): read the ratios.\n\n");
        md.append("1-minute load average during the run, sampled every 5 s (min / median / max): ")
                .append(spread(new ArrayList<>(loadSamples), Double::doubleValue, 2)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores. Above the core count, other work on the machine competed with the benchmark.\n\n");

        List<ColdRun> coldP = cold.stream().filter(r -> r.measured() && r.who().equals("project")).toList();
        List<ColdRun> coldF = cold.stream().filter(r -> r.measured() && r.who().equals("floor")).toList();
        double coldRatio = median(coldP, ColdRun::parentMs) / median(coldF, ColdRun::parentMs);
        List<WarmRun> warmP = warm.stream().filter(r -> r.who().equals("project")).toList();
        List<WarmRun> warmF = warm.stream().filter(r -> r.who().equals("floor")).toList();
        double separateRatio = median(warmP, WarmRun::perEventMs) / median(warmF, WarmRun::perEventMs);
        double warmRatio = median(paired, PairedRun::ratio);
        int listCalls = Integer.parseInt(poll.get("standInListCalls"));
        Map<String, Integer> sdkCalls = sdkCalls(poll.get("sdkCalls"));
        int getItems = sdkCalls.getOrDefault("DynamoDb.GetItem", 0);
        int batchGets = sdkCalls.getOrDefault("DynamoDb.BatchGetItem", 0);
        // One GetItem per poll is the checkpoint (CheckpointStore.load); per-job reads would scale with the jobs.
        int perJobReads = Math.max(0, getItems - 1);

        md.append("## Summary\n\n| measure | project | floor | project / floor | target | result |\n")
                .append("|---|---:|---:|---:|---|---|\n");
        md.append(String.format(Locale.ROOT, "| cold: process start to first FAILED event processed, median of %d (ms) "
                        + "| %.0f | %.0f | %.2f | ≤ %.2f | %s |%n", coldP.size(), median(coldP, ColdRun::parentMs),
                median(coldF, ColdRun::parentMs), coldRatio, COLD_TARGET, verdict(coldRatio <= COLD_TARGET)));
        md.append(String.format(Locale.ROOT, "| warm: time per event, paired in one JVM, median of %d rounds (ms) "
                        + "| %.2f | %.2f | %.2f | ≤ %.2f | %s |%n", paired.size(), median(paired, PairedRun::projectMs),
                median(paired, PairedRun::floorMs), warmRatio, WARM_TARGET, verdict(warmRatio <= WARM_TARGET)));
        md.append(String.format(Locale.ROOT, "| warm: handler CPU per event, paired (ratio, median of rounds) | | | %.2f "
                + "| | |%n", median(paired, PairedRun::cpuRatio)));
        md.append(String.format(Locale.ROOT, "| warm: time per event, one JVM per side, median of %d rounds each (ms) "
                        + "| %.2f | %.2f | %.2f | (noisier) | |%n", warmP.size(), median(warmP, WarmRun::perEventMs),
                median(warmF, WarmRun::perEventMs), separateRatio));
        md.append(String.format(Locale.ROOT, "| shaded jar | %.2f MB (%,d bytes) | | | ≤ 25 MB | %s |%n",
                jar.bytes() / 1e6, jar.bytes(), verdict(jar.bytes() <= JAR_TARGET_BYTES)));
        md.append(String.format(Locale.ROOT, "| poll over %,d jobs: ListOptimizationJobs calls | %d | | | ≤ %d | %s |%n",
                options.pollJobs(), listCalls, LIST_CALLS_TARGET, verdict(listCalls <= LIST_CALLS_TARGET)));
        md.append(String.format(Locale.ROOT, "| poll: per-job DynamoDB reads | %d (GetItem %d, of which 1 is the "
                        + "checkpoint; BatchGetItem %d for %d pages) | | | none | %s |%n", perJobReads, getItems, batchGets,
                listCalls, verdict(perJobReads == 0 && batchGets <= 2 * listCalls)));
        md.append(String.format(Locale.ROOT, "| classes loaded at first event (ClassLoadingMXBean, median) | %.0f | %.0f "
                        + "| %.2f | | |%n%n", median(coldP, ColdRun::classes), median(coldF, ColdRun::classes),
                median(coldP, ColdRun::classes) / median(coldF, ColdRun::classes)));
        md.append("Targets from issue 5. Warm ratio = per-event wall time project / floor, measured paired: both ")
                .append("handlers in one JVM taking turns in blocks of events, so that a change in this shared ")
                .append("machine's load falls on both (the one-JVM-per-side rounds below drift by ±10% between runs). ")
                .append("Jar target checked against 25,000,000 bytes.\n\n")
                .append("The FLOOR (`FloorProcessor`) builds the same three SDK clients (explicit region, one ")
                .append("`UrlConnectionHttpClient`, `EnvironmentVariableCredentialsProvider`, 6 SageMaker attempts) and ")
                .append("makes the same calls with similar item and message sizes (see the byte rows below), reading ")
                .append("the event with the SDK's own JSON parser and none of the project's code. It runs on the same ")
                .append("jar, so it also pays for what the jar alone brings in: Log4j, initialised through the SDK's ")
                .append("SLF4J logging (log4j-slf4j2-impl and log4j2.xml are in the jar), and the Powertools SDK ")
                .append("interceptor registered in the jar's `execution.interceptors`. Those costs are in both ")
                .append("numbers, which flatters the ratio; the attribution section measures the Log4j part.\n\n");

        md.append("## Cold start (fresh JVM per run, alternating ABBA, warm-up runs discarded)\n\n")
                .append("Primary figure: measured by the benchmark process from just before `ProcessBuilder.start()` ")
                .append("to reading the probe's \"done\" line, printed right after `handleRequest` returned ")
                .append("(record stored and alert published; both verified in DynamoDB and in the SQS inbox ")
                .append("after every run). The probe's other figures use `System.nanoTime()` and JMX read after ")
                .append("the event.\n\n");
        md.append("| per run (min / median / max) | project | floor | ratio of medians |\n|---|---|---|---:|\n");
        coldRow(md, "process start → first event done (ms, parent-measured)", coldP, coldF, ColdRun::parentMs, 0);
        coldRow(md, "JVM uptime at first event done (ms, child-reported)", coldP, coldF, ColdRun::uptimeAtEventMs, 0);
        coldRow(md, "JVM uptime when main() started (ms: JVM boot, same for both)", coldP, coldF,
                ColdRun::uptimeAtMainMs, 0);
        coldRow(md, "init: handler constructor (ms)", coldP, coldF, ColdRun::initMs, 0);
        coldRow(md, "first event: handleRequest (ms)", coldP, coldF, ColdRun::firstEventMs, 0);
        coldRow(md, "process CPU time at first event done (ms, all threads)", coldP, coldF, ColdRun::cpuMs, 0);
        coldRow(md, "classes loaded (ClassLoadingMXBean, incl. the probe's JMX)", coldP, coldF, ColdRun::classes, 0);
        coldRow(md, "stdout bytes (logs, metrics)", coldP, coldF, r -> (double) r.stdoutBytes(), 0);
        coldRow(md, "DynamoDB bytes stored for the job (approx.: current + history + alert items)", coldP, coldF,
                r -> (double) r.itemBytes(), 0);
        coldRow(md, "SNS message bytes (as delivered to the SQS inbox)", coldP, coldF, r -> (double) r.alertBytes(), 0);
        md.append(String.format(Locale.ROOT, "%nMedian of per-pair ratios (each measured project run / the floor "
                + "run of the same pair): %.2f. Ratio of median process CPU times: %.2f. 1-minute load average "
                + "before each run (other processes on this machine included): %s.%n%n", pairRatio(coldP, coldF),
                median(coldP, ColdRun::cpuMs) / median(coldF, ColdRun::cpuMs),
                spread(cold, ColdRun::load, 2)));
        md.append("Every run, in order (ms, parent-measured; * = discarded warm-up):\n\n");
        md.append("- project: ").append(runList(cold, "project")).append('\n');
        md.append("- floor: ").append(runList(cold, "floor")).append("\n\n");

        md.append("## Classes loaded at the first event: project vs floor\n\n").append(classDiff).append('\n');

        md.append("## Warm, paired (the target's measurement)\n\n");
        md.append(String.format(Locale.ROOT, "Each round: one fresh child JVM (same flags) holding both the project's "
                        + "handler (`new ProcessorHandler()`) and the floor (`new FloorProcessor()`); %d warm-up events "
                        + "through each, alternately; then %d timed events through each in blocks of %d, the side going "
                        + "first alternating block by block. Every event is a new job (FAILED / INPROGRESS / FAILED / "
                        + "COMPLETED, the same mix in every block). After each round every current record and alert of "
                        + "both sides is verified.%n%n", options.warmWarmUp(), options.pairedEvents(),
                options.pairedBlock()));
        md.append("| round | project ms/event | floor ms/event | wall ratio | median block-pair ratio | handler CPU ms/event ")
                .append("project / floor | CPU ratio | p50 ms project / floor | p99 ms project / floor |\n")
                .append("|---:|---:|---:|---:|---:|---|---:|---|---|\n");
        for (PairedRun run : paired) {
            double events = run.num("events");
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.3f | %s | %.3f / %.3f | %.3f | %s / %s | %s / %s |%n",
                    run.round(), run.projectMs(), run.floorMs(), run.ratio(), run.values().get("medianBlockRatio"),
                    run.num("projectCpuMs") / events, run.num("floorCpuMs") / events, run.cpuRatio(),
                    run.values().get("projectP50Ms"), run.values().get("floorP50Ms"), run.values().get("projectP99Ms"),
                    run.values().get("floorP99Ms")));
        }
        md.append(String.format(Locale.ROOT, "%nMedian over rounds: wall ratio %.3f, handler CPU ratio %.3f.%n%n",
                warmRatio, median(paired, PairedRun::cpuRatio)));
        md.append(callTimesTable());

        md.append("## Warm, one handler per JVM (distinct events, half FAILED)\n\n");
        md.append(String.format(Locale.ROOT, "Each round: a fresh child JVM (same flags), %d warm-up events, then %d "
                        + "timed events through the same handler (project: `ProcessorHandler.handleRequest`; floor: "
                        + "`FloorProcessor.handleRequest`), every event a new job (alternating FAILED / INPROGRESS / "
                        + "FAILED / COMPLETED). After each round every current record and every alert is verified. "
                        + "Per-event wall time includes the stand-ins' latency, which both sides pay.%n%n",
                options.warmWarmUp(), options.warmEvents()));
        md.append("| per round (min / median / max) | project | floor | ratio of medians |\n|---|---|---|---:|\n");
        warmRow(md, "events per second", warmP, warmF, WarmRun::eventsPerSecond, 1);
        warmRow(md, "mean wall time per event (ms)", warmP, warmF, WarmRun::perEventMs, 2);
        warmRow(md, "p50 (ms)", warmP, warmF, r -> r.num("p50Ms"), 2);
        warmRow(md, "p99 (ms)", warmP, warmF, r -> r.num("p99Ms"), 2);
        warmRow(md, "handler thread CPU per event (ms)", warmP, warmF, r -> r.num("threadCpuMsPerEvent"), 3);
        warmRow(md, "JVM CPU per event, all threads incl. GC/JIT (ms)", warmP, warmF,
                r -> r.num("processCpuMsPerEvent"), 3);
        warmRow(md, "GC collections during the timed events", warmP, warmF, r -> r.num("gcCount"), 0);
        warmRow(md, "stdout bytes per event (logs, metrics)", warmP, warmF,
                r -> (double) r.stdoutBytes() / r.events(), 0);
        md.append('\n');

        md.append("## Poller: one poll over ").append(String.format(Locale.ROOT, "%,d", options.pollJobs()))
                .append(" jobs\n\n")
                .append("Fresh JVM (same flags), `new PollerHandler()` from the deployed environment (page size 100, ")
                .append("backfill 24 h), fresh table so every listed job is news and is emitted; all ")
                .append(options.pollJobs()).append(" events verified on the EventBridge stand-in. SDK calls counted ")
                .append("by an SDK global interceptor added to the probe's class path only.\n\n");
        md.append("| measure | value |\n|---|---:|\n");
        pollRow(md, "poll wall time (first invocation in a fresh JVM, ms)", whole(poll.get("pollMs")));
        pollRow(md, "process CPU during the poll (ms)", whole(poll.get("processCpuMs")));
        pollRow(md, "page size (jobs per ListOptimizationJobs call)", String.format(Locale.ROOT, "%.0f",
                Double.parseDouble(poll.get("jobsSeen")) / Math.max(1, listCalls)));
        pollRow(md, "ListOptimizationJobs calls (stand-in count)", poll.get("standInListCalls"));
        for (Map.Entry<String, Integer> call : sdkCalls.entrySet()) {
            pollRow(md, "SDK calls: " + call.getKey(), Integer.toString(call.getValue()));
        }
        pollRow(md, "PutEvents calls (stand-in count)", poll.get("standInPutEventsCalls"));
        pollRow(md, "events emitted / delivered", poll.get("eventsEmitted") + " / " + poll.get("eventsDelivered"));
        pollRow(md, "heap: peak used (max of heap before each GC and at the end, MB)", mb(poll.get("heapPeakBytes")));
        pollRow(md, "heap: max live after a GC during the poll (MB)", mb(poll.get("heapMaxAfterGcBytes")));
        pollRow(md, "heap: used after init + full GC, before the poll (MB)", mb(poll.get("heapBaselineBytes")));
        pollRow(md, "heap: retained after the poll + full GC (MB)", mb(poll.get("heapRetainedAfterPollBytes")));
        pollRow(md, "allocated by the poll (MB)", mb(poll.get("allocatedBytes")));
        pollRow(md, "GC collections / ms during the poll", poll.get("gcCount") + " / " + poll.get("gcMs"));
        pollRow(md, "max heap (-Xmx, MB)", mb(poll.get("maxHeapBytes")));
        md.append('\n');

        md.append("## Shaded jar\n\n").append(String.format(Locale.ROOT, "`" + jarName + "`: %,d bytes "
                        + "(%.2f MB, %.2f MiB), %,d entries, %,d classes. Biggest contributors (compressed):%n%n",
                jar.bytes(), jar.bytes() / 1e6, jar.bytes() / 1048576.0, jar.entries(), jar.classes()));
        md.append("| library / resources | compressed MB | uncompressed MB | entries |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, long[]> e : jar.biggest()) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %,d |%n", e.getKey(), e.getValue()[0] / 1e6,
                    e.getValue()[1] / 1e6, e.getValue()[2]));
        }
        md.append("\nNoise: all of this shares ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores with the stand-ins (dynalite, fauxqs, WireMock); compare the min/median/max spread ")
                .append("before reading a ratio's second decimal.\n");
        return md.toString();
    }

    private String attribution(List<ColdRun> cold, List<WarmRun> warm) {
        if (cold.isEmpty() && warm.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Where the project's extra time goes (cost attribution)\n\n");
        md.append("The floor plus ONE library the project uses, used the way the project uses it (see `FloorExtras`), ")
                .append("then all four together, the project itself, and the floor with SLF4J pointed at its NOP ")
                .append("provider (what Log4j, which the jar brings for Powertools logging, costs even the floor: with ")
                .append("it the floor loads no Log4j class at all). ")
                .append("Interleaved in rotating order, every run verified like the others. Fewer runs than the ")
                .append("main comparison: differences under ~50 ms are within noise.\n\n");
        if (!cold.isEmpty()) {
            List<ColdRun> measured = cold.stream().filter(ColdRun::measured).toList();
            Map<Integer, ColdRun> floorByRound = new HashMap<>();
            measured.stream().filter(r -> r.who().equals("floor")).forEach(r -> floorByRound.put(r.index(), r));
            md.append(String.format(Locale.ROOT, "Cold (%d rounds; each round runs every variant once, in rotating "
                    + "order): process start to first FAILED event processed. \"+ vs floor\" = median over rounds of "
                    + "(variant − the floor run of the same round), which cancels slow drifts in machine load.%n%n",
                    options.attributionRuns()));
            md.append("| variant | ms: median (min / max) | + ms vs floor | process CPU ms: median | + CPU ms vs floor "
                    + "| classes | + classes |\n|---|---:|---:|---:|---:|---:|---:|\n");
            for (Variant variant : VARIANTS) {
                List<ColdRun> runs = measured.stream().filter(r -> r.who().equals(variant.label())).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                List<Double> wallDeltas = new ArrayList<>();
                List<Double> cpuDeltas = new ArrayList<>();
                List<Double> classDeltas = new ArrayList<>();
                for (ColdRun run : runs) {
                    ColdRun base = floorByRound.get(run.index());
                    if (base != null) {
                        wallDeltas.add(run.parentMs() - base.parentMs());
                        cpuDeltas.add(run.cpuMs() - base.cpuMs());
                        classDeltas.add(run.classes() - base.classes());
                    }
                }
                double[] sorted = runs.stream().mapToDouble(ColdRun::parentMs).sorted().toArray();
                md.append(String.format(Locale.ROOT, "| %s | %.0f (%.0f / %.0f) | %+.0f | %.0f | %+.0f | %.0f | %+.0f |%n",
                        variant.label(), median(runs, ColdRun::parentMs), sorted[0], sorted[sorted.length - 1],
                        median(wallDeltas, Double::doubleValue), median(runs, ColdRun::cpuMs),
                        median(cpuDeltas, Double::doubleValue), median(runs, ColdRun::classes),
                        median(classDeltas, Double::doubleValue)));
            }
            md.append('\n');
        }
        if (!warm.isEmpty()) {
            Map<Integer, WarmRun> floorByRound = new HashMap<>();
            warm.stream().filter(r -> r.who().equals("floor")).forEach(r -> floorByRound.put(r.round(), r));
            md.append(String.format(Locale.ROOT, "Warm (%d rounds; each round one fresh JVM per variant, in rotating "
                    + "order, %d warm-up + %d timed events). Deltas: median over rounds of (variant − floor of the "
                    + "same round). Handler-thread CPU per event is the steadier figure; wall time per event includes "
                    + "the stand-ins' latency. One JVM per variant does not cancel the machine's drift between JVMs, "
                    + "which is as large as most of these effects (the floor without Log4j cannot really cost more "
                    + "than the floor): read these rows as a rough split, and the paired warm section for the "
                    + "project's cost.%n%n", options.warmAttributionRounds(), options.warmWarmUp(),
                    options.warmAttributionEvents()));
            md.append("| variant | ms / event (median) | + ms vs floor | handler CPU ms / event (median) "
                    + "| + CPU ms vs floor | stdout bytes / event |\n|---|---:|---:|---:|---:|---:|\n");
            for (Variant variant : VARIANTS) {
                List<WarmRun> runs = warm.stream().filter(r -> r.who().equals(variant.label())).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                List<Double> wallDeltas = new ArrayList<>();
                List<Double> cpuDeltas = new ArrayList<>();
                for (WarmRun run : runs) {
                    WarmRun base = floorByRound.get(run.round());
                    if (base != null) {
                        wallDeltas.add(run.perEventMs() - base.perEventMs());
                        cpuDeltas.add(run.num("threadCpuMsPerEvent") - base.num("threadCpuMsPerEvent"));
                    }
                }
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %+.2f | %.3f | %+.3f | %.0f |%n", variant.label(),
                        median(runs, WarmRun::perEventMs), median(wallDeltas, Double::doubleValue),
                        median(runs, r -> r.num("threadCpuMsPerEvent")), median(cpuDeltas, Double::doubleValue),
                        median(runs, r -> (double) r.stdoutBytes() / r.events())));
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static Map<String, Integer> sdkCalls(String text) {
        Map<String, Integer> calls = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                int colon = part.lastIndexOf(':');
                calls.put(part.substring(0, colon), Integer.parseInt(part.substring(colon + 1)));
            }
        }
        return calls;
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "**FAIL**";
    }

    private static <T> double median(List<T> runs, java.util.function.ToDoubleFunction<T> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static <T> String spread(List<T> runs, java.util.function.ToDoubleFunction<T> value, int decimals) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return "-";
        }
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " / " + f + " / " + f, values[0], median(runs, value),
                values[values.length - 1]);
    }

    private static void coldRow(StringBuilder md, String label, List<ColdRun> p, List<ColdRun> f,
                                java.util.function.ToDoubleFunction<ColdRun> value, int decimals) {
        double ratio = median(p, value) / median(f, value);
        md.append("| ").append(label).append(" | ").append(spread(p, value, decimals)).append(" | ")
                .append(spread(f, value, decimals)).append(" | ")
                .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "-").append(" |\n");
    }

    private static void warmRow(StringBuilder md, String label, List<WarmRun> p, List<WarmRun> f,
                                java.util.function.ToDoubleFunction<WarmRun> value, int decimals) {
        double ratio = median(p, value) / median(f, value);
        md.append("| ").append(label).append(" | ").append(spread(p, value, decimals)).append(" | ")
                .append(spread(f, value, decimals)).append(" | ")
                .append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "-").append(" |\n");
    }

    private static void pollRow(StringBuilder md, String label, String value) {
        md.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }

    private static String whole(String number) {
        return String.format(Locale.ROOT, "%.0f", Double.parseDouble(number));
    }

    private static String mb(String bytes) {
        return String.format(Locale.ROOT, "%.1f", Double.parseDouble(bytes) / 1e6);
    }

    private static double pairRatio(List<ColdRun> project, List<ColdRun> floor) {
        Map<Integer, ColdRun> floorByPair = new HashMap<>();
        floor.forEach(r -> floorByPair.put(r.index(), r));
        List<Double> ratios = new ArrayList<>();
        for (ColdRun p : project) {
            ColdRun f = floorByPair.get(p.index());
            if (f != null) {
                ratios.add(p.parentMs() / f.parentMs());
            }
        }
        return median(ratios, Double::doubleValue);
    }

    private static String runList(List<ColdRun> runs, String who) {
        StringBuilder list = new StringBuilder();
        for (ColdRun run : runs) {
            if (run.who().equals(who)) {
                list.append(list.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", run.parentMs()))
                        .append(run.measured() ? "" : "*");
            }
        }
        return list.toString();
    }

    /** The 1-minute load average: other work on this machine (builds, tests) shows up here. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }

    private String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
    }

    private void log(String message) {
        System.out.printf(Locale.ROOT, "[benchmark %5.0fs] %s%n", (System.nanoTime() - startedNanos) / 1e9, message);
        System.out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
