package io.github.optimizationjobtracker.processor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.event.DeliveredEvent;
import io.github.optimizationjobtracker.metrics.EmfMetrics;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.snapstart.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Lambda entry point for the processor. It only adapts: bytes in, the EventBridge event read once from its JSON as
 * the Lambda Java runtime would read it, with the route it came by ({@link DeliveredEvent}), then
 * {@link EventProcessor} does the work. Clients are built once per container, in the constructor.
 */
public final class ProcessorHandler implements RequestStreamHandler {
    /**
     * A FAILED state change for a job that exists nowhere, as the tracker bus's rule delivers it: what priming
     * sends through the processor.
     */
    static final String PRIMING_EVENT = """
            {"route":"tracker-bus","event":
            {"version":"0","id":"snapstart-priming","detail-type":"SageMaker Optimization Job State Change",
             "source":"optimization-job-tracker","account":"000000000000","time":"2026-01-01T00:00:00Z",
             "region":"us-east-1","resources":["arn:aws:sagemaker:us-east-1:000000000000:optimization-job/snapstart-priming"],
             "detail":{"OptimizationJobName":"snapstart-priming","OptimizationJobStatus":"FAILED",
                       "LastModifiedTime":1764403600456}}}""";

    private final EventProcessor processor;
    private final TrackerMetrics metrics;
    private final SnapStartPriming priming;

    /** Used by Lambda: configuration from the environment, validated before the first event. */
    public ProcessorHandler() {
        this(System.getenv(), EmfMetrics.fromEnvironment(System.getenv()));
        SnapStartPriming.register(priming);
    }

    private ProcessorHandler(Map<String, String> env, TrackerMetrics metrics) {
        this(fromEnvironment(ProcessorConfig.fromEnvironment(env), env, metrics), metrics);
    }

    private static ProcessorFactory.Processors fromEnvironment(ProcessorConfig config, Map<String, String> env,
                                                               TrackerMetrics metrics) {
        AwsClients clients = new AwsClients(config.region(), AwsClients.lambdaCredentials(env), config.endpoints());
        return ProcessorFactory.create(config, clients, metrics, ProcessorFactory.ALERT_CLAIM_LEASE);
    }

    /** Seam for the local run and tests: a fully built processor (and its priming twin). */
    public ProcessorHandler(ProcessorFactory.Processors processors, TrackerMetrics metrics) {
        this.processor = processors.processor();
        this.metrics = metrics;
        EventProcessor twin = processors.primingTwin();
        this.priming = new SnapStartPriming("processor", () -> twin.process(readEvent(
                PRIMING_EVENT.getBytes(StandardCharsets.UTF_8))));
    }

    /** Seam for unit tests: a processor without SnapStart priming. */
    public ProcessorHandler(EventProcessor processor, TrackerMetrics metrics) {
        this.processor = processor;
        this.metrics = metrics;
        this.priming = new SnapStartPriming("processor", () -> { });
    }

    /** What runs before a SnapStart snapshot (public so tests can prove it has no side effects). */
    public SnapStartPriming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PowertoolsLogging.initializeLogging(context);
        try {
            ProcessingResult result = processor.process(readEvent(input.readAllBytes()));
            output.write(result.toJson().getBytes(StandardCharsets.UTF_8));
        } finally {
            metrics.flush();
            MDC.clear();
        }
    }

    /** Reads the event as the runtime would; input that is not an event is rejected with the reason. */
    DeliveredEvent readEvent(byte[] bytes) {
        try {
            return DeliveredEvent.read(bytes);
        } catch (IllegalArgumentException e) {
            RejectedEventException rejection = new RejectedEventException(null,
                    "input is not a valid EventBridge event JSON (" + bytes.length + " bytes): " + e.getMessage());
            processor.rejected(rejection);
            throw rejection;
        }
    }
}
