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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

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
    private static final String SAMPLE_JOB = "llama3-8b-spec-decoding";
    private static final String JOB_ARN_PREFIX = "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/";
    private static final String NAME_TEMPLATE = "{{jsonPath request.body '$.OptimizationJobName'}}";

    private final BenchmarkOptions options;
    private final RepositoryLayout layout = RepositoryLayout.find();
    private final Path work;
    private final Path jar;
    private final String jarName;
    private final Path probeDir;
    private final Path pollerProbeDir;
    private final Path timedProbeDir;
    private final ChildJvms childJvms;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-watchdog");
        t.setDaemon(true);
        return t;
    });
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
    private StandInChecks checks;

    private Benchmark(BenchmarkOptions options) throws IOException {
        this.options = options;
        Path built = options.jar().orElse(layout.root().resolve("function").resolve("target").resolve("function.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException("no " + built + ": build it first (" + BenchmarkOptions.COMMAND + ")");
        }
        work = Files.createTempDirectory("ojt-benchmark-");
        // A private copy: other builds may rewrite target/ while we run.
        jar = Files.copy(built, work.resolve("function.jar"));
        jarName = layout.root().relativize(built).toString();
        childJvms = new ChildJvms(jar, work, watchdog, this::log);
        probeDir = ChildJvms.copyProbeClasses(work.resolve("probe"), null);
        timedProbeDir = ChildJvms.copyProbeClasses(work.resolve("probe-timed"), CallTimer.class);
        pollerProbeDir = ChildJvms.copyProbeClasses(work.resolve("probe-poller"), CallCounter.class);
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("events"));
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark(BenchmarkOptions.parse(args));
        try {
            benchmark.run();
        } finally {
            benchmark.cleanUp();
        }
    }

    private void run() throws Exception {
        watchdog.scheduleAtFixedRate(() -> loadSamples.add(Machine.loadAverage()), 0, 5, TimeUnit.SECONDS);
        String machine = Machine.describe();
        log("machine: " + machine.replace('\n', ' '));
        JarFacts jarFacts = JarFacts.of(jar);
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
        checks = new StandInChecks(dynamoDb, sqs, inboxUrl);
        serveDescribeTemplates(standIns.sageMaker());

        List<ColdRun> cold = coldPhase(coldTable);
        String classDiff = options.classDiff() ? classLoadDiff(coldTable) : "(skipped: --no-class-diff)\n";
        List<ColdRun> coldAttribution = options.attributionRuns() > 0 ? coldAttribution(coldTable) : List.of();
        List<PairedRun> paired = pairedPhase(warmTable);
        List<WarmRun> warm = warmPhase(warmTable);
        List<WarmRun> warmAttribution = options.warmAttributionEvents() > 0 ? warmAttribution(warmTable) : List.of();
        Map<String, String> poll = pollPhase(pollTable);

        BenchmarkReport report = new BenchmarkReport(options, jarName, new ArrayList<>(loadSamples),
                seconds(System.nanoTime() - startedNanos));
        String results = report.results(machine, jarFacts, cold, paired, warm, poll, classDiff,
                BenchmarkReport.callTimesTable(callTimes, pairedTimedRound))
                + report.attribution(coldAttribution, warmAttribution);
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
        double load = Machine.loadAverage();
        ChildJvms.Child child = childJvms.run(childJvms.probeCommand(variant.who(), variant.jvmFlags(), probeDir,
                variant.args(List.of("cold", eventFile.toString())).toArray(String[]::new)),
                processorEnv(table), Duration.ofMinutes(2));
        Map<String, String> report = child.report("cold");
        if (!"PUBLISHED".equals(report.get("result"))) {
            throw new IllegalStateException(variant.label() + " cold run did not publish: " + report.get("result"));
        }
        long verifyStart = System.nanoTime();
        long itemBytes = checks.verifyProcessed(table, job, "FAILED", true);
        checks.awaitAlerts(j -> j.equals(job), 1, Duration.ofSeconds(20));
        if (System.getenv("BENCH_DEBUG") != null) {
            log(String.format(Locale.ROOT, "debug: verified in %.0f ms", (System.nanoTime() - verifyStart) / 1e6));
        }
        return new ColdRun(variant.label(), index, measured, child.doneMs(), child.num("cold", "uptimeAtEventMs"),
                child.num("cold", "initMs"), child.num("cold", "firstEventMs"), child.num("cold", "processCpuMs"),
                child.num("cold", "classesLoaded"), child.otherBytes(), itemBytes,
                checks.alertBytes(job), child.num("cold", "uptimeAtMainMs"), load);
    }

    /**
     * Cost attribution: the floor plus one of the project's libraries at a time (used as the project uses it),
     * all four, the project, and the floor without Log4j, interleaved (rotated order per round).
     */
    private List<ColdRun> coldAttribution(String table) throws Exception {
        String event = Files.readString(layout.event("state-change-failed"));
        List<ColdRun> runs = new ArrayList<>();
        log("attribution (cold): " + options.attributionRuns() + " runs of each of " + Variant.ATTRIBUTION.size() + " variants");
        for (int round = -1; round < options.attributionRuns(); round++) {
            for (int v = 0; v < Variant.ATTRIBUTION.size(); v++) {
                Variant variant = Variant.ATTRIBUTION.get(Math.floorMod(v + round, Variant.ATTRIBUTION.size()));
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
            for (int v = 0; v < Variant.ATTRIBUTION.size(); v++) {
                Variant variant = Variant.ATTRIBUTION.get(Math.floorMod(v + round, Variant.ATTRIBUTION.size()));
                String tag = "a" + runs.size() + UUID.randomUUID().toString().substring(0, 4);
                ChildJvms.Child child = childJvms.run(childJvms.probeCommand(variant.who(), variant.jvmFlags(), probeDir,
                        variant.args(List.of("warm", template.toString(), tag, Integer.toString(warmUp),
                                Integer.toString(events))).toArray(String[]::new)),
                        processorEnv(table), Duration.ofMinutes(10), false);
                checks.verifyWarm(table, tag, warmUp + events);
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
            ChildJvms.Child child = childJvms.run(childJvms.probeCommand(who, List.of("-Xlog:class+load=info:file=" + log), probeDir, "cold",
                    coldEvent(event, job).toString()), processorEnv(table), Duration.ofMinutes(2));
            child.report("cold");
            checks.verifyProcessed(table, job, "FAILED", true);
            checks.awaitAlerts(j -> j.equals(job), 1, Duration.ofSeconds(20));
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
                ChildJvms.Child child = childJvms.run(childJvms.probeCommand(who, List.of(), probeDir, "warm", template.toString(), tag,
                        Integer.toString(options.warmWarmUp()), Integer.toString(options.warmEvents())),
                        processorEnv(table), Duration.ofMinutes(10), false);
                Map<String, String> values = child.report("warm");
                checks.verifyWarm(table, tag, count);
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
            ChildJvms.Child child = childJvms.run(childJvms.probeCommand("paired", List.of(), probeDir, "warm", template.toString(), projectTag,
                    floorTag, Integer.toString(options.warmWarmUp()), Integer.toString(options.pairedEvents()),
                    Integer.toString(options.pairedBlock())), processorEnv(table), Duration.ofMinutes(15), false);
            int count = options.warmWarmUp() + options.pairedEvents();
            checks.verifyWarm(table, projectTag, count);
            checks.verifyWarm(table, floorTag, count);
            PairedRun run = new PairedRun(round, child.report("paired"), child.otherBytes());
            runs.add(run);
            log(String.format(Locale.ROOT, "warm, paired round %d: project %.2f ms/event, floor %.2f ms/event, "
                            + "ratio %.3f (median block pair %s), handler CPU ratio %.3f", round, run.projectMs(),
                    run.floorMs(), run.ratio(), run.values().get("medianBlockRatio"), run.cpuRatio()));
        }
        if (options.pairedRounds() > 0) {
            // One more round, not counted: every SDK call timed, to show where each side's time goes.
            String id = "t" + UUID.randomUUID().toString().substring(0, 4);
            ChildJvms.Child child = childJvms.run(childJvms.probeCommand("paired", List.of("-Dbench.callTimes=true"), timedProbeDir, "warm",
                    template.toString(), "pp" + id, "pf" + id, Integer.toString(options.warmWarmUp()),
                    Integer.toString(options.pairedEvents()), Integer.toString(options.pairedBlock())),
                    processorEnv(table), Duration.ofMinutes(15), false);
            checks.verifyWarm(table, "pp" + id, options.warmWarmUp() + options.pairedEvents());
            checks.verifyWarm(table, "pf" + id, options.warmWarmUp() + options.pairedEvents());
            callTimes = child.report("calls");
            pairedTimedRound = new PairedRun(-1, child.report("paired"), child.otherBytes());
        }
        return runs;
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
        List<String> command = new ArrayList<>(childJvms.commandPrefix(List.of(), pollerProbeDir));
        command.addAll(List.of(PollerProbe.class.getName(), "poll", event.toString()));
        ChildJvms.Child child = childJvms.run(command, pollerEnv(table), Duration.ofMinutes(10));
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

    // ------------------------------------------------------------------------------------------------ environment

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

    private void cleanUp() {
        childJvms.close();
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

    private String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.0f s", nanos / 1e9);
    }

    private void log(String message) {
        System.out.printf(Locale.ROOT, "[benchmark %5.0fs] %s%n", (System.nanoTime() - startedNanos) / 1e9, message);
        System.out.flush();
    }

}
