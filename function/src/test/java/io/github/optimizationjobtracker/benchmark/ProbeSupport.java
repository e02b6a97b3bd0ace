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
        long[] latencies = new long[measured];
        long[] gcBefore = gcTotals();
        long threadCpu = threadCpuNanos();
        long processCpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            long t = System.nanoTime();
            handler.handleRequest(in(events.get(warmUp + i)), new Sink(),
                    new ProbeContext(function, "warm-" + (warmUp + i), 30));
            latencies[i] = System.nanoTime() - t;
        }
        long wall = System.nanoTime() - start;
        long[] gcAfter = gcTotals();
        reportWarm(who, latencies, wall, threadCpuNanos() - threadCpu, processCpuNanos() - processCpu,
                gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }
}
