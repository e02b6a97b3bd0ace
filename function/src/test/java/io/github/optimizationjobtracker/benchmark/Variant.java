package io.github.optimizationjobtracker.benchmark;

import java.util.ArrayList;
import java.util.List;

/** A variant of the floor (or the project) for cost attribution. */
record Variant(String label, String who, List<String> jvmFlags, String extras) {
    /** The attribution variants, in the order the report lists them. */
        static final List<Variant> ATTRIBUTION = List.of(
            new Variant("floor", "floor", List.of(), null),
            new Variant("floor + EventBridgeEvents (event to envelope and detail tree)", "floor", List.of(), "event-reader"),
            new Variant("floor + Jackson ObjectMapper (tree in/out)", "floor", List.of(), "jackson"),
            new Variant("floor + metrics (EmfMetrics: one EMF line per event)", "floor", List.of(), "metrics"),
            new Variant("floor + Powertools logging (init, MDC, one INFO line per event)", "floor", List.of(), "powertools-logging"),
            new Variant("floor + all four", "floor", List.of(), "all"),
            new Variant("project", "project", List.of(), null),
            new Variant("floor without Log4j (SLF4J's NOP provider: the SDK's logging goes nowhere)", "floor",
                    List.of("-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider"), null));

    List<String> args(List<String> base) {
        List<String> args = new ArrayList<>(base);
        if (extras != null) {
            args.add(extras);
        }
        return args;
    }
}
