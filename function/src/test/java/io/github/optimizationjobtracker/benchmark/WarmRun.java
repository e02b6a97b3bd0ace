package io.github.optimizationjobtracker.benchmark;

import java.util.Map;

/** One warm round of one handler in its own JVM: what the probe reported. */
record WarmRun(String who, int round, Map<String, String> values, long stdoutBytes, int events) {
    double perEventMs() {
        return Double.parseDouble(values.get("meanMs"));
    }

    double eventsPerSecond() {
        return Double.parseDouble(values.get("eventsPerSecond"));
    }

    double num(String key) {
        return Double.parseDouble(values.get(key));
    }
}
