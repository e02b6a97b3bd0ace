package io.github.optimizationjobtracker.benchmark;

import io.github.optimizationjobtracker.processor.ProcessorHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Child-JVM probe for the project: the processor exactly as Lambda builds it ({@code new ProcessorHandler()},
 * configuration from environment variables) fed through {@code handleRequest}.
 *
 * <pre>
 * cold &lt;event.json&gt;                                   one event, then report and exit
 * warm &lt;template.json&gt; &lt;tag&gt; &lt;warm-up&gt; &lt;measured&gt;    many distinct events through one handler
 * </pre>
 */
public final class ProjectProbe {
    private static final String FUNCTION = "optimization-job-processor";

    private ProjectProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        if (args[0].equals("cold")) {
            byte[] event = ProbeSupport.read(args[1]);
            ProcessorHandler handler = new ProcessorHandler();
            long initDone = System.nanoTime();
            ProbeSupport.InitDoneMarker.touch();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(ProbeSupport.in(event), out, new ProbeContext(FUNCTION, "cold-1", 30));
            long eventDone = System.nanoTime();
            ProbeSupport.FirstEventDoneMarker.touch();
            String result = out.toString(StandardCharsets.UTF_8);
            ProbeSupport.reportCold(mainStart, initDone, eventDone,
                    result.contains("\"alert\":\"PUBLISHED\"") ? "PUBLISHED" : "unexpected:" + result);
            return;
        }
        ProcessorHandler handler = new ProcessorHandler();
        String template = new String(ProbeSupport.read(args[1]), StandardCharsets.UTF_8);
        int warmUp = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        List<byte[]> events = ProbeSupport.warmEvents(template, args[2], warmUp + measured);
        for (int i = 0; i < warmUp; i++) {
            handler.handleRequest(ProbeSupport.in(events.get(i)), new ProbeSupport.Sink(),
                    new ProbeContext(FUNCTION, "warm-" + i, 30));
        }
        long[] latencies = new long[measured];
        long[] gcBefore = ProbeSupport.gcTotals();
        long threadCpu = ProbeSupport.threadCpuNanos();
        long processCpu = ProbeSupport.processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            long t = System.nanoTime();
            handler.handleRequest(ProbeSupport.in(events.get(warmUp + i)), new ProbeSupport.Sink(),
                    new ProbeContext(FUNCTION, "warm-" + (warmUp + i), 30));
            latencies[i] = System.nanoTime() - t;
        }
        long wall = System.nanoTime() - start;
        long[] gcAfter = ProbeSupport.gcTotals();
        ProbeSupport.reportWarm("project", latencies, wall, ProbeSupport.threadCpuNanos() - threadCpu,
                ProbeSupport.processCpuNanos() - processCpu, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }
}
