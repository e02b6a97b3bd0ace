package io.github.optimizationjobtracker.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness shared by the probes that run in a child JVM whose class path is only the shaded function.jar and
 * the probe classes. It is deliberately identical for the project and the floor, and it touches nothing heavy
 * (no JMX) until the measured work is done, so both JVMs pay the same harness cost.
 *
 * <p>Protocol: the child prints lines starting with {@link #PREFIX} to stdout; everything else on stdout is the
 * function's own output (logs, metrics) and is only counted by the parent.
 */
final class ProbeSupport {
    static final String PREFIX = "##BENCH ";

    /** Marker classes: they appear in {@code -Xlog:class+load} exactly where init and the first event finished. */
    static final class InitDoneMarker {
        static void touch() {
        }
    }

    static final class FirstEventDoneMarker {
        static void touch() {
        }
    }

    private ProbeSupport() {
    }

    static byte[] read(String path) throws IOException {
        return Files.readAllBytes(Path.of(path));
    }

    /** Prints one protocol line; values are key=value pairs without spaces. */
    static void report(String kind, Object... keyValues) {
        StringBuilder line = new StringBuilder(PREFIX).append(kind);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(' ').append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        System.out.println(line);
        System.out.flush();
    }

    /**
     * Reports a cold run. {@code mainStartNanos}, {@code initDoneNanos} and {@code eventDoneNanos} are
     * {@link System#nanoTime()} readings; JMX is consulted only afterwards, and the uptime at each point is derived
     * from the uptime read now minus the nanoseconds elapsed since.
     */
    static void reportCold(long mainStartNanos, long initDoneNanos, long eventDoneNanos, String result) {
        long nowNanos = System.nanoTime();
        long uptimeNowMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long classesNow = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long cpuNs = processCpuNanos();
        double msSince = (nowNanos - eventDoneNanos) / 1e6;
        report("cold",
                "uptimeAtMainMs", fmt(uptimeNowMs - (nowNanos - mainStartNanos) / 1e6),
                "uptimeAtInitMs", fmt(uptimeNowMs - (nowNanos - initDoneNanos) / 1e6),
                "uptimeAtEventMs", fmt(uptimeNowMs - msSince),
                "initMs", fmt((initDoneNanos - mainStartNanos) / 1e6),
                "firstEventMs", fmt((eventDoneNanos - initDoneNanos) / 1e6),
                "processCpuMs", fmt(cpuNs / 1e6),
                "classesLoaded", classesNow,
                "result", result.replace(' ', '_'));
        report("done");
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    /**
     * The warm-phase events: distinct job names and ids, FAILED and non-FAILED, built from a template before any
     * timing. The template holds {@code __JOB__}, {@code __STATUS__} and {@code __ID__}; job name prefixes are
     * served by the SageMaker stand-in with the matching status ({@link BenchmarkFixtures#STATUS_BY_PREFIX}).
     */
    static List<byte[]> warmEvents(String template, String tag, int count) {
        List<byte[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] kind = BenchmarkFixtures.WARM_MIX[i % BenchmarkFixtures.WARM_MIX.length];
            String job = kind[0] + tag + "-" + i;
            events.add(template.replace("__JOB__", job).replace("__STATUS__", kind[1])
                    .replace("__ID__", "bench-" + tag + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    /** Per-event latencies (ns) to a protocol line. */
    static void reportWarm(String who, long[] latencies, long wallNanos, long threadCpuNanos, long processCpuNanos,
                           long gcCount, long gcMillis) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        report("warm", "who", who, "events", n,
                "wallMs", fmt(wallNanos / 1e6),
                "eventsPerSecond", fmt(n / (wallNanos / 1e9)),
                "meanMs", fmt(wallNanos / 1e6 / n),
                "p50Ms", fmt(sorted[n / 2] / 1e6),
                "p90Ms", fmt(sorted[(int) (n * 0.9)] / 1e6),
                "p99Ms", fmt(sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6),
                "threadCpuMsPerEvent", fmt(threadCpuNanos / 1e6 / n),
                "processCpuMsPerEvent", fmt(processCpuNanos / 1e6 / n),
                "gcCount", gcCount, "gcMs", gcMillis);
        report("done");
    }

    static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** An output stream that only counts, for handler output we do not need. */
    static final class Sink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    static InputStream in(byte[] bytes) {
        return new java.io.ByteArrayInputStream(bytes);
    }

    /** Builds a handler; may throw, like a Lambda constructor. */
    @FunctionalInterface
    interface HandlerFactory {
        com.amazonaws.services.lambda.runtime.RequestStreamHandler create() throws Exception;
    }

    /**
     * The cold probe both sides share: construct (timed as init), one event (timed), report. {@code published}
     * says whether the handler's output shows the alert went out.
     */
    static void runCold(long mainStart, String eventFile, String function, HandlerFactory factory,
                        java.util.function.Predicate<String> published) throws Exception {
        byte[] event = read(eventFile);
        com.amazonaws.services.lambda.runtime.RequestStreamHandler handler = factory.create();
        long initDone = System.nanoTime();
        InitDoneMarker.touch();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(in(event), out, new ProbeContext(function, "cold-1", 30));
        long eventDone = System.nanoTime();
        FirstEventDoneMarker.touch();
        String result = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        reportCold(mainStart, initDone, eventDone, published.test(result) ? "PUBLISHED" : "unexpected:" + result);
    }

    /** The warm probe both sides share: warm-up events, then timed events through the same handler. */
    static void runWarm(String who, String function, com.amazonaws.services.lambda.runtime.RequestStreamHandler handler,
                        String templateFile, String tag, int warmUp, int measured) throws Exception {
        String template = new String(read(templateFile), java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<byte[]> events = warmEvents(template, tag, warmUp + measured);
        for (int i = 0; i < warmUp; i++) {
            handler.handleRequest(in(events.get(i)), new Sink(), new ProbeContext(function, "warm-" + i, 30));
        }
        Side side = new Side(handler, events, warmUp, measured, function, "warm-");
        long[] gcBefore = gcTotals();
        long processCpu = processCpuNanos();
        side.run(measured);
        long processCpuUsed = processCpuNanos() - processCpu;
        long[] gcAfter = gcTotals();
        reportWarm(who, side.latencies, side.wallNanos, side.cpuNanos, processCpuUsed,
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    /**
     * The paired warm probe: warm-up events through both handlers alternately, then {@code measured} events each,
     * in blocks of {@code block} (a multiple of the event mix, so each block holds the same mix), the order of the
     * two sides alternating block by block. Reports both sides' totals and the per-block-pair ratios.
     */
    static void runPaired(String function, com.amazonaws.services.lambda.runtime.RequestStreamHandler project,
                          com.amazonaws.services.lambda.runtime.RequestStreamHandler floor, String templateFile,
                          String projectTag, String floorTag, int warmUp, int measured, int block) throws Exception {
        String template = new String(read(templateFile), java.nio.charset.StandardCharsets.UTF_8);
        List<byte[]> projectEvents = warmEvents(template, projectTag, warmUp + measured);
        List<byte[]> floorEvents = warmEvents(template, floorTag, warmUp + measured);
        for (int i = 0; i < warmUp; i++) {
            project.handleRequest(in(projectEvents.get(i)), new Sink(), new ProbeContext(function, "p-" + i, 30));
            floor.handleRequest(in(floorEvents.get(i)), new Sink(), new ProbeContext(function, "f-" + i, 30));
        }
        Side projectSide = new Side(project, projectEvents, warmUp, measured, function, "p-");
        Side floorSide = new Side(floor, floorEvents, warmUp, measured, function, "f-");
        List<Double> blockRatios = new ArrayList<>();
        boolean timeCalls = Boolean.getBoolean("bench.callTimes");
        if (timeCalls) {
            CallTimer.reset();
        }
        long[] gcBefore = gcTotals();
        for (int from = 0; from < measured; from += block) {
            int n = Math.min(block, measured - from);
            boolean projectFirst = (from / block) % 2 == 0;
            double first = (projectFirst ? projectSide : floorSide).run(n);
            double second = (projectFirst ? floorSide : projectSide).run(n);
            blockRatios.add(projectFirst ? first / second : second / first);
        }
        long[] gcAfter = gcTotals();
        double[] ratios = blockRatios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        report("paired", "events", measured, "block", block,
                "projectWallMs", fmt(projectSide.wallNanos / 1e6), "floorWallMs", fmt(floorSide.wallNanos / 1e6),
                "projectCpuMs", fmt(projectSide.cpuNanos / 1e6), "floorCpuMs", fmt(floorSide.cpuNanos / 1e6),
                "projectP50Ms", fmt(projectSide.percentile(0.5)), "floorP50Ms", fmt(floorSide.percentile(0.5)),
                "projectP99Ms", fmt(projectSide.percentile(0.99)), "floorP99Ms", fmt(floorSide.percentile(0.99)),
                "medianBlockRatio", fmt(ratios[ratios.length / 2]),
                "gcCount", gcAfter[0] - gcBefore[0], "gcMs", gcAfter[1] - gcBefore[1]);
        if (timeCalls) {
            List<Object> calls = new ArrayList<>();
            CallTimer.snapshot().forEach((key, totals) -> {
                calls.add(key);
                calls.add(totals[0] + ":" + totals[1] + ":" + totals[2]);
            });
            report("calls", calls.toArray());
        }
        report("done");
    }

    /** One handler fed its events in blocks (one block for the single-handler probe): what the blocks took. */
    private static final class Side {
        private final com.amazonaws.services.lambda.runtime.RequestStreamHandler handler;
        private final List<byte[]> events;
        private final long[] latencies;
        private final String function;
        private final String requestPrefix;
        private int next;
        private int done;
        private long wallNanos;
        private long cpuNanos;

        Side(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, List<byte[]> events, int warmUp,
             int measured, String function, String requestPrefix) {
            this.handler = handler;
            this.events = events;
            this.latencies = new long[measured];
            this.function = function;
            this.requestPrefix = requestPrefix;
            this.next = warmUp;
        }

        /** Runs the next {@code n} events; returns the block's wall time in nanoseconds. */
        double run(int n) throws IOException {
            long cpu = threadCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                handler.handleRequest(in(events.get(next)), new Sink(), new ProbeContext(function, requestPrefix + next, 30));
                latencies[done++] = System.nanoTime() - t;
                next++;
            }
            long wall = System.nanoTime() - start;
            wallNanos += wall;
            cpuNanos += threadCpuNanos() - cpu;
            return wall;
        }

        double percentile(double p) {
            long[] sorted = Arrays.copyOf(latencies, done);
            Arrays.sort(sorted);
            return sorted[Math.min(done - 1, (int) (done * p))] / 1e6;
        }
    }
}
