package io.github.optimizationjobtracker.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Diagnostic: per operation, total SDK call time and HTTP round-trip time (request sent to response read). */
public final class CallTimer implements ExecutionInterceptor {
    private static final ExecutionAttribute<long[]> TIMES = new ExecutionAttribute<>("benchmark.times");
    private static final Map<String, LongAdder[]> TOTALS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            StringBuilder out = new StringBuilder();
            new TreeMap<>(TOTALS).forEach((k, v) -> out.append(String.format("%-40s calls %6d  call ms %8.3f  http ms %8.3f%n",
                    k, v[0].sum(), v[1].sum() / 1e6 / Math.max(1, v[0].sum()), v[2].sum() / 1e6 / Math.max(1, v[0].sum()))));
            try {
                Files.writeString(Path.of("/tmp/calltimer-" + ProcessHandle.current().pid() + ".txt"), out);
            } catch (IOException e) {
                // diagnostic only
            }
        }));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(TIMES, new long[] {System.nanoTime(), 0, 0});
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.getAttribute(TIMES)[1] = System.nanoTime();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.getAttribute(TIMES)[2] += System.nanoTime() - attributes.getAttribute(TIMES)[1];
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
        long[] t = attributes.getAttribute(TIMES);
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        LongAdder[] totals = TOTALS.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        totals[0].increment();
        totals[1].add(System.nanoTime() - t[0]);
        totals[2].add(t[2]);
    }
}
