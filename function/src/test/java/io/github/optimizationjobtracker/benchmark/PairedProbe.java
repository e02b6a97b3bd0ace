package io.github.optimizationjobtracker.benchmark;

import io.github.optimizationjobtracker.processor.ProcessorHandler;

/**
 * Child-JVM probe for the PAIRED warm comparison: the project's handler ({@code new ProcessorHandler()}, as Lambda
 * builds it) and the floor ({@link FloorProcessor}) in one JVM, fed alternating blocks of distinct events, so a
 * change in machine load hits both sides alike instead of whichever JVM happened to run at the time.
 *
 * <pre>
 * warm &lt;template.json&gt; &lt;project-tag&gt; &lt;floor-tag&gt; &lt;warm-up&gt; &lt;measured&gt; &lt;block&gt;
 * </pre>
 */
public final class PairedProbe {
    private static final String FUNCTION = "optimization-job-processor";

    private PairedProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProbeSupport.runPaired(FUNCTION, new ProcessorHandler(), new FloorProcessor(), args[1], args[2], args[3],
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }
}
