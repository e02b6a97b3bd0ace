package io.github.optimizationjobtracker.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON line per invocation on stdout, which Lambda sends to
 * CloudWatch Logs, where CloudWatch extracts the metrics (no API call, nothing to wait for or retry). Every metric
 * has the one dimension {@code service}.
 *
 * <p>Written here rather than through Powertools metrics: its serializer (Jackson data binding of the
 * aws-embedded-metrics model) loads several hundred classes at cold start to write one line that the project's
 * own JSON generator writes with the classes the processor loads anyway (README, Performance).
 */
public final class EmfMetrics implements TrackerMetrics {
    /** The EMF limit of values per metric in one document. */
    static final int MAX_VALUES = 100;
    private static final String COUNT = "Count";
    private static final String SECONDS = "Seconds";

    private final String namespace;
    private final String service;
    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Recorded> pending = new LinkedHashMap<>();

    /** Counts are summed into one value per document; other units keep every value (EMF accepts a list). */
    private record Recorded(String unit, List<Double> values) {
    }

    /**
     * Service and namespace from the Powertools environment variables (the logs' {@code service} field reads the
     * same one), with the stack's values as defaults.
     */
    public static EmfMetrics fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, System.out, Clock.systemUTC());
    }

    static EmfMetrics fromEnvironment(Map<String, String> env, PrintStream out, Clock clock) {
        return new EmfMetrics(
                env.getOrDefault(EnvironmentVariables.POWERTOOLS_SERVICE_NAME, EnvironmentVariables.SERVICE_NAME),
                env.getOrDefault(EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, EnvironmentVariables.METRICS_NAMESPACE),
                out, clock);
    }

    public EmfMetrics(String service, String namespace, PrintStream out, Clock clock) {
        if (service == null || service.isBlank() || namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("metrics need a service name and a namespace (got service '" + service
                    + "', namespace '" + namespace + "')");
        }
        this.service = service;
        this.namespace = namespace;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public synchronized void count(String metric, double value) {
        List<Double> values = record(metric, COUNT, value);
        if (values.isEmpty()) {
            values.add(value);
        } else {
            values.set(0, values.get(0) + value);
        }
    }

    @Override
    public synchronized void seconds(String metric, double value) {
        List<Double> values = record(metric, SECONDS, value);
        if (values.size() == MAX_VALUES) {
            flush();
            values = record(metric, SECONDS, value);
        }
        values.add(value);
    }

    private List<Double> record(String metric, String unit, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + metric + " got " + value + "; CloudWatch takes finite numbers only");
        }
        Recorded recorded = pending.computeIfAbsent(metric, name -> new Recorded(unit, new ArrayList<>(1)));
        if (!recorded.unit().equals(unit)) {
            throw new IllegalArgumentException("metric " + metric + " is recorded in " + recorded.unit() + ", not " + unit);
        }
        return recorded.values();
    }

    /** Writes this invocation's metrics as one document; writes nothing when there are none. */
    @Override
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        String document = Json.object(json -> {
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", clock.millis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString(SERVICE_DIMENSION);
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, Recorded> metric : pending.entrySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.getKey());
                json.writeStringField("Unit", metric.getValue().unit());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(SERVICE_DIMENSION, service);
            for (Map.Entry<String, Recorded> metric : pending.entrySet()) {
                json.writeFieldName(metric.getKey());
                List<Double> values = metric.getValue().values();
                if (values.size() == 1) {
                    number(json, values.get(0));
                } else {
                    json.writeStartArray();
                    for (double value : values) {
                        number(json, value);
                    }
                    json.writeEndArray();
                }
            }
        });
        pending.clear();
        out.println(document);
    }

    /** Whole numbers as integers ({@code 3}, not {@code 3.0}): what CloudWatch and a reader expect of a count. */
    private static void number(JsonGenerator json, double value) throws java.io.IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }
}
