package io.github.optimizationjobtracker.metrics;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** CloudWatch metrics through Powertools (Embedded Metric Format on stdout; no API calls). */
public final class PowertoolsMetrics implements TrackerMetrics {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();
    private final String service;
    private final String namespace;

    /** Service and namespace from the Powertools environment variables, with the stack's values as defaults. */
    public static PowertoolsMetrics fromEnvironment(Map<String, String> env) {
        return new PowertoolsMetrics(
                env.getOrDefault(EnvironmentVariables.POWERTOOLS_SERVICE_NAME, EnvironmentVariables.SERVICE_NAME),
                env.getOrDefault(EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, EnvironmentVariables.METRICS_NAMESPACE));
    }

    public PowertoolsMetrics(String service, String namespace) {
        this.service = service;
        this.namespace = namespace;
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service));
    }

    @Override
    public void count(String metric, double value) {
        metrics.addMetric(metric, value, MetricUnit.COUNT);
    }

    @Override
    public void eventProcessed(String status) {
        // Its own EMF record, so the Status dimension does not spill onto the invocation's other metrics.
        metrics.flushSingleMetric(EVENTS_PROCESSED, 1, MetricUnit.COUNT, namespace,
                DimensionSet.of(SERVICE_DIMENSION, service, STATUS_DIMENSION, status));
    }

    @Override
    public void seconds(String metric, double value) {
        metrics.addMetric(metric, value, MetricUnit.SECONDS);
    }

    @Override
    public void flush() {
        metrics.flush();
    }
}
