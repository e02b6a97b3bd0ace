package io.github.optimizationjobtracker.benchmark;

import io.github.optimizationjobtracker.processor.ProcessorHandler;

/**
 * Child-JVM probe for the project: the processor exactly as Lambda builds it ({@code new ProcessorHandler()},
 * configuration from environment variables) fed through {@code handleRequest}.
 *
 * <pre>
 * cold &lt;event.json&gt;                                   one event, then report and exit
 * warm &lt;template.json&gt; &lt;tag&gt; &lt;warm-up&gt; &lt;measured&gt;    many distinct events through one handler
 * </pre>
 */
public final class ProjectProbe {
    private static final String FUNCTION = "optimization-job-processor";

    private ProjectProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainStart = System.nanoTime();
        if (args[0].equals("cold")) {
            ProbeSupport.runCold(mainStart, args[1], FUNCTION, ProcessorHandler::new,
                    result -> result.contains("\"alert\":\"PUBLISHED\""));
            return;
        }
        ProbeSupport.runWarm("project", FUNCTION, new ProcessorHandler(), args[1], args[2],
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    }
}
