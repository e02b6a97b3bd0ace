package io.github.optimizationjobtracker.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.optimizationjobtracker.poller.PollerHandler;
import java.io.ByteArrayOutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Child-JVM probe for the poller: {@code new PollerHandler()} from environment variables, one invocation, with
 * heap measured from GC notifications (heap used just before each collection is the peak between collections).
 *
 * <pre>poll &lt;scheduled-event.json&gt;</pre>
 */
public final class PollerProbe {
    private PollerProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] event = ProbeSupport.read(args[1]);
        PollerHandler handler = new PollerHandler();
        AtomicLong maxBeforeGc = new AtomicLong();
        AtomicLong maxAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    maxBeforeGc.accumulateAndGet(used(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                    maxAfterGc.accumulateAndGet(used(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
                }
            }, null, null);
        }
        System.gc();
        Thread.sleep(200); // let the notification of this collection pass before resetting
        maxBeforeGc.set(0);
        maxAfterGc.set(0);
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long[] gcBefore = ProbeSupport.gcTotals();
        long cpuBefore = ProbeSupport.processCpuNanos();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        handler.handleRequest(ProbeSupport.in(event), out, new ProbeContext("optimization-job-poller", "poll-1", 900));
        long pollNanos = System.nanoTime() - start;

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long cpu = ProbeSupport.processCpuNanos() - cpuBefore;
        long[] gcAfter = ProbeSupport.gcTotals();
        long usedAtEnd = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long peak = Math.max(maxBeforeGc.get(), usedAtEnd);
        Map<String, Integer> calls = CallCounter.snapshot();
        System.gc();
        Thread.sleep(200);
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        JsonNode result = JsonNode.parser().parse(out.toByteArray());
        StringBuilder callText = new StringBuilder();
        calls.forEach((k, v) -> callText.append(callText.length() == 0 ? "" : ",").append(k).append(':').append(v));
        ProbeSupport.report("poller",
                "pollMs", ProbeSupport.fmt(pollNanos / 1e6),
                "processCpuMs", ProbeSupport.fmt(cpu / 1e6),
                "complete", text(result, "complete"),
                "pagesRead", text(result, "pagesRead"),
                "jobsSeen", text(result, "jobsSeen"),
                "eventsEmitted", text(result, "eventsEmitted"),
                "listCalls", text(result, "listCalls"),
                "putEventsCalls", text(result, "putEventsCalls"),
                "sdkCalls", callText,
                "heapBaselineBytes", baseline,
                "heapPeakBytes", peak,
                "heapMaxAfterGcBytes", maxAfterGc.get(),
                "heapRetainedAfterPollBytes", retained,
                "allocatedBytes", allocated,
                "gcCount", gcAfter[0] - gcBefore[0],
                "gcMs", gcAfter[1] - gcBefore[1],
                "maxHeapBytes", Runtime.getRuntime().maxMemory());
        ProbeSupport.report("done");
        // The handler (its clients, its poller) counts in the retained size: keep it reachable until here.
        java.lang.ref.Reference.reachabilityFence(handler);
    }

    private static long used(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            // Heap pools only (SerialGC: eden, survivor, tenured); code cache and metaspace are not heap.
            String name = pool.getKey();
            if (name.contains("Eden") || name.contains("Survivor") || name.contains("Tenured") || name.contains("Old")) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    private static String text(JsonNode json, String field) {
        return json.field(field).map(JsonNode::text).orElse("?");
    }
}
