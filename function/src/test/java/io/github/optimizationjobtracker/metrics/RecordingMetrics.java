package io.github.optimizationjobtracker.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** Keeps metric totals in memory: for the local run's summary and for tests that assert what was counted. */
public final class RecordingMetrics implements TrackerMetrics {
    private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();

    @Override
    public void count(String metric, double value) {
        totals.computeIfAbsent(metric, k -> new DoubleAdder()).add(value);
    }

    @Override
    public void seconds(String metric, double value) {
        count(metric, value);
    }

    @Override
    public void flush() {
        // totals accumulate across invocations; nothing to write
    }

    public double total(String metric) {
        DoubleAdder adder = totals.get(metric);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Double> snapshot() {
        Map<String, Double> copy = new TreeMap<>();
        totals.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
