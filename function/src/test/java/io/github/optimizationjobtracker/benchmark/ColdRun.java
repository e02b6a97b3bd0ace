package io.github.optimizationjobtracker.benchmark;

/** One cold run: a fresh JVM from process start to its first event done, as measured and reported. */
record ColdRun(String who, int index, boolean measured, double parentMs, double uptimeAtEventMs,
               double initMs, double firstEventMs, double cpuMs, double classes, long stdoutBytes,
               long itemBytes, long alertBytes, double uptimeAtMainMs, double load) {
}
