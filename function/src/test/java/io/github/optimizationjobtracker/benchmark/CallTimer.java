package io.github.optimizationjobtracker.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every SDK call in the paired probe's JVM, per side (project or floor, told apart by the call stack) and
 * operation: the whole call, and the HTTP exchange within it (request sent to response headers read: the
 * stand-in's time plus loopback). Registered only in the extra, timed paired round, as an SDK global interceptor
 * next to the probe classes, never in the measured rounds: walking the stack costs time of its own.
 */
public final class CallTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<long[]> TIMES = new ExecutionAttribute<>("benchmark.times");
    private static final ExecutionAttribute<String> SIDE = new ExecutionAttribute<>("benchmark.side");
    private static final Map<String, LongAdder[]> TOTALS = new ConcurrentHashMap<>();

    public CallTimer() {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        boolean project = StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith("io.github.optimizationjobtracker.processor.")));
        attributes.putAttribute(SIDE, project ? "project" : "floor");
        attributes.putAttribute(TIMES, new long[] {System.nanoTime(), 0, 0});
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.getAttribute(TIMES)[1] = System.nanoTime();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long[] times = attributes.getAttribute(TIMES);
        times[2] += System.nanoTime() - times[1];
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        done(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        done(attributes);
    }

    private static void done(ExecutionAttributes attributes) {
        long[] times = attributes.getAttribute(TIMES);
        String key = attributes.getAttribute(SIDE) + "/" + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                + "." + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        LongAdder[] totals = TOTALS.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder(),
            new LongAdder()});
        totals[0].increment();
        totals[1].add(System.nanoTime() - times[0]);
        totals[2].add(times[2]);
    }

    static void reset() {
        TOTALS.clear();
    }

    /** "side/Service.Operation" to {calls, total call ns, total HTTP ns}. */
    static Map<String, long[]> snapshot() {
        Map<String, long[]> copy = new TreeMap<>();
        TOTALS.forEach((k, v) -> copy.put(k, new long[] {v[0].sum(), v[1].sum(), v[2].sum()}));
        return copy;
    }
}
