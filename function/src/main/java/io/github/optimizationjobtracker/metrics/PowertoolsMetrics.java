package io.github.optimizationjobtracker.metrics;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch metrics through Powertools: one Embedded Metric Format document per invocation on stdout, no API
 * calls. Every metric carries only the {@code service} dimension, so one document holds them all (a per-status
 * dimension would need a second document per event, which cost more than the rest of the metrics together).
 */
public final class PowertoolsMetrics implements TrackerMetrics {
    private final Metrics metrics = MetricsFactory.getMetricsInstance();
    /** Whether this invocation added anything: Powertools logs a WARN line for every empty flush. */
    private boolean pending;

    /** Service and namespace from the Powertools environment variables, with the stack's values as defaults. */
    public static PowertoolsMetrics fromEnvironment(Map<String, String> env) {
        return new PowertoolsMetrics(
                env.getOrDefault(EnvironmentVariables.POWERTOOLS_SERVICE_NAME, EnvironmentVariables.SERVICE_NAME),
                env.getOrDefault(EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, EnvironmentVariables.METRICS_NAMESPACE));
    }

    public PowertoolsMetrics(String service, String namespace) {
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service));
    }

    @Override
    public void count(String metric, double value) {
        metrics.addMetric(metric, value, MetricUnit.COUNT);
        pending = true;
    }

    @Override
    public void seconds(String metric, double value) {
        metrics.addMetric(metric, value, MetricUnit.SECONDS);
        pending = true;
    }

    @Override
    public void flush() {
        if (pending) {
            pending = false;
            metrics.flush();
        }
    }
}
