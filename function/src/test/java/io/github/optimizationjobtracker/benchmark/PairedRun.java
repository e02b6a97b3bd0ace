package io.github.optimizationjobtracker.benchmark;

import java.util.Map;

/** One round of the paired warm comparison: both sides in one JVM, alternating blocks of events. */
record PairedRun(int round, Map<String, String> values, long stdoutBytes) {
    double num(String key) {
        return Double.parseDouble(values.get(key));
    }

    double projectMs() {
        return num("projectWallMs") / num("events");
    }

    double floorMs() {
        return num("floorWallMs") / num("events");
    }

    double ratio() {
        return num("projectWallMs") / num("floorWallMs");
    }

    double cpuRatio() {
        return num("projectCpuMs") / num("floorCpuMs");
    }
}
