package io.github.optimizationjobtracker.benchmark;

import static io.github.optimizationjobtracker.benchmark.Statistics.median;
import static io.github.optimizationjobtracker.benchmark.Statistics.spread;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The benchmark's results as Markdown: the summary against the targets, then each phase's figures. */
final class BenchmarkReport {
    private static final double COLD_TARGET = 1.15;
    private static final double WARM_TARGET = 1.10;
    private static final long JAR_TARGET_BYTES = 25_000_000L;
    private static final int LIST_CALLS_TARGET = 100;

    private final BenchmarkOptions options;
    private final String jarName;
    private final List<Double> loadSamples;
    private final String took;

    BenchmarkReport(BenchmarkOptions options, String jarName, List<Double> loadSamples, String took) {
        this.options = options;
        this.jarName = jarName;
        this.loadSamples = loadSamples;
        this.took = took;
    }

    String results(String machine, JarFacts jar, List<ColdRun> cold, List<PairedRun> paired, List<WarmRun> warm,
                   Map<String, String> poll, String classDiff, String callTimes) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Measured ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(" on:\n\n").append(machine).append("\n\n");
        md.append("Command: `").append(BenchmarkOptions.COMMAND).append("`");
        md.append(String.format(Locale.ROOT, " (this run: --runs %d --warmups %d --paired-rounds %d --paired-events %d "
                        + "--paired-block %d --warm-rounds %d --warm-warmup %d --warm-events %d --poll-jobs %d; took %s)"
                        + "%n%n", options.runs(), options.warmups(), options.pairedRounds(), options.pairedEvents(),
                options.pairedBlock(), options.warmRounds(), options.warmWarmUp(), options.warmEvents(),
                options.pollJobs(), took));
        md.append("Child JVM flags (cold, warm and poller probes): `").append(String.join(" ", ChildJvms.LAMBDA_JVM_FLAGS))
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
        md.append(String.format(Locale.ROOT, "Targets: cold within %.0f%% and warm within %.0f%% of the floor, the "
                        + "jar within %,d bytes, a poll in at most %d list calls. ", (COLD_TARGET - 1) * 100,
                        (WARM_TARGET - 1) * 100, JAR_TARGET_BYTES, LIST_CALLS_TARGET))
                .append("Warm ratio = per-event wall time project / floor, measured paired: both ")
                .append("handlers in one JVM taking turns in blocks of events, so that a change in this shared ")
                .append("machine's load falls on both (the one-JVM-per-side rounds below drift more between runs).\n\n")
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
        sideBySideRow(md, "process start → first event done (ms, parent-measured)", coldP, coldF, ColdRun::parentMs, 0);
        sideBySideRow(md, "JVM uptime at first event done (ms, child-reported)", coldP, coldF, ColdRun::uptimeAtEventMs, 0);
        sideBySideRow(md, "JVM uptime when main() started (ms: JVM boot, same for both)", coldP, coldF,
                ColdRun::uptimeAtMainMs, 0);
        sideBySideRow(md, "init: handler constructor (ms)", coldP, coldF, ColdRun::initMs, 0);
        sideBySideRow(md, "first event: handleRequest (ms)", coldP, coldF, ColdRun::firstEventMs, 0);
        sideBySideRow(md, "process CPU time at first event done (ms, all threads)", coldP, coldF, ColdRun::cpuMs, 0);
        sideBySideRow(md, "classes loaded (ClassLoadingMXBean, incl. the probe's JMX)", coldP, coldF, ColdRun::classes, 0);
        sideBySideRow(md, "stdout bytes (logs, metrics)", coldP, coldF, r -> (double) r.stdoutBytes(), 0);
        sideBySideRow(md, "DynamoDB bytes stored for the job (approx.: current + history + alert items)", coldP, coldF,
                r -> (double) r.itemBytes(), 0);
        sideBySideRow(md, "SNS message bytes (as delivered to the SQS inbox)", coldP, coldF, r -> (double) r.alertBytes(), 0);
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
        md.append(callTimes);

        md.append("## Warm, one handler per JVM (distinct events, half FAILED)\n\n");
        md.append(String.format(Locale.ROOT, "Each round: a fresh child JVM (same flags), %d warm-up events, then %d "
                        + "timed events through the same handler (project: `ProcessorHandler.handleRequest`; floor: "
                        + "`FloorProcessor.handleRequest`), every event a new job (alternating FAILED / INPROGRESS / "
                        + "FAILED / COMPLETED). After each round every current record and every alert is verified. "
                        + "Per-event wall time includes the stand-ins' latency, which both sides pay.%n%n",
                options.warmWarmUp(), options.warmEvents()));
        md.append("| per round (min / median / max) | project | floor | ratio of medians |\n|---|---|---|---:|\n");
        sideBySideRow(md, "events per second", warmP, warmF, WarmRun::eventsPerSecond, 1);
        sideBySideRow(md, "mean wall time per event (ms)", warmP, warmF, WarmRun::perEventMs, 2);
        sideBySideRow(md, "p50 (ms)", warmP, warmF, r -> r.num("p50Ms"), 2);
        sideBySideRow(md, "p99 (ms)", warmP, warmF, r -> r.num("p99Ms"), 2);
        sideBySideRow(md, "handler thread CPU per event (ms)", warmP, warmF, r -> r.num("threadCpuMsPerEvent"), 3);
        sideBySideRow(md, "JVM CPU per event, all threads incl. GC/JIT (ms)", warmP, warmF,
                r -> r.num("processCpuMsPerEvent"), 3);
        sideBySideRow(md, "GC collections during the timed events", warmP, warmF, r -> r.num("gcCount"), 0);
        sideBySideRow(md, "stdout bytes per event (logs, metrics)", warmP, warmF,
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

    String attribution(List<ColdRun> cold, List<WarmRun> warm) {
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
            for (Variant variant : Variant.ATTRIBUTION) {
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
            for (Variant variant : Variant.ATTRIBUTION) {
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

    /** The timed paired round's table: per side and operation, mean call time and its HTTP part. */
    static String callTimesTable(Map<String, String> callTimes, PairedRun pairedTimedRound) {
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

    /** One row of a project-vs-floor table: each side's min / median / max and the ratio of the medians. */
    private static <T> void sideBySideRow(StringBuilder md, String label, List<T> p, List<T> f,
                                          java.util.function.ToDoubleFunction<T> value, int decimals) {
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
}
