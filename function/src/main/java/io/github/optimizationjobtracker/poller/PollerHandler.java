package io.github.optimizationjobtracker.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.metrics.EmfMetrics;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.snapstart.SnapStartPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Lambda entry point for the poller, run by an EventBridge schedule. The schedule's event carries nothing the
 * poller needs; it only adapts the Lambda context (time left) to {@link JobPoller}.
 */
public final class PollerHandler implements RequestStreamHandler {
    private final JobPoller poller;
    private final TrackerMetrics metrics;
    private final SnapStartPriming priming;

    /** Used by Lambda: configuration from the environment, validated before the first run. */
    public PollerHandler() {
        this(System.getenv(), EmfMetrics.fromEnvironment(System.getenv()));
        SnapStartPriming.register(priming);
    }

    private PollerHandler(Map<String, String> env, TrackerMetrics metrics) {
        this(create(PollerConfig.fromEnvironment(env), env, metrics), metrics);
    }

    private static PollerFactory.Pollers create(PollerConfig config, Map<String, String> env, TrackerMetrics metrics) {
        AwsClients clients = new AwsClients(config.region(), AwsClients.lambdaCredentials(env), config.endpoints());
        return PollerFactory.createPair(config, clients, metrics, Clock.systemUTC(), PollerFactory.SAFETY_MARGIN, 200);
    }

    /** Seam for the local run and tests: a poller and its priming twin. */
    public PollerHandler(PollerFactory.Pollers pollers, TrackerMetrics metrics) {
        this.poller = pollers.poller();
        this.metrics = metrics;
        JobPoller twin = pollers.primingTwin();
        this.priming = new SnapStartPriming("poller", () -> twin.poll(() -> Long.MAX_VALUE));
    }

    /** Seam for tests: a poller without SnapStart priming. */
    public PollerHandler(JobPoller poller, TrackerMetrics metrics) {
        this.poller = poller;
        this.metrics = metrics;
        this.priming = new SnapStartPriming("poller", () -> { });
    }

    /** What runs before a SnapStart snapshot. */
    public SnapStartPriming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        PowertoolsLogging.initializeLogging(context);
        input.transferTo(OutputStream.nullOutputStream());
        try {
            PollResult result = poller.poll(() -> context == null ? Long.MAX_VALUE : context.getRemainingTimeInMillis());
            output.write(result.toJson().getBytes(StandardCharsets.UTF_8));
        } finally {
            metrics.flush();
        }
    }
}
