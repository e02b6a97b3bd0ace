package io.github.optimizationjobtracker.benchmark;


/**
 * Child-JVM probe for the floor: {@link FloorProcessor} (same SDK clients, same AWS calls, none of the project's
 * code) driven exactly like {@link ProjectProbe} drives the project's handler. Same arguments, plus an optional
 * last one for cost attribution only: {@link FloorExtras} to add (comma-separated, or {@code all}).
 */
public final class FloorProbe {
    private static final String FUNCTION = "optimization-job-processor";

    private FloorProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        if (args[0].equals("cold")) {
            ProbeSupport.runCold(mainStart, args[1], FUNCTION,
                    () -> args.length > 2 ? new FloorProcessor(FloorExtras.create(args[2])) : new FloorProcessor(),
                    result -> result.contains("PUBLISHED"));
            return;
        }
        FloorProcessor handler = args.length > 5 ? new FloorProcessor(FloorExtras.create(args[5]))
                : new FloorProcessor();
        ProbeSupport.runWarm("floor", FUNCTION, handler, args[1], args[2], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
    }
}
