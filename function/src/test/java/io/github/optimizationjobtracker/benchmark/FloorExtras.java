package io.github.optimizationjobtracker.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.optimizationjobtracker.metrics.EmfMetrics;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Cost ATTRIBUTION, not part of the floor: the floor plus one library the project uses, used the way the project
 * uses it (read from ProcessorHandler, EventParser, Json, EmfMetrics, EventProcessor), so the benchmark can
 * say how many milliseconds each one adds. Only loaded when a variant asks for it.
 *
 * <ul>
 *   <li>{@code event-reader}: the event read by the project's EventBridgeEvents into its envelope and detail tree
 *       (which replaced aws-lambda-java-serialization's {@code ScheduledEvent} on the Lambda path; that library now
 *       only checks it in tests).</li>
 *   <li>{@code jackson}: one com.fasterxml {@link ObjectMapper}: a body parsed to a tree (Json.parse of the
 *       describe response) and a tree written out (Json.write).</li>
 *   <li>{@code metrics}: the project's {@link EmfMetrics}: the counters of an event, one document per
 *       invocation.</li>
 *   <li>{@code powertools-logging}: {@code PowertoolsLogging.initializeLogging(context)}, MDC, and the one INFO
 *       line the processor logs per event, through SLF4J to Log4j's JSON layout.</li>
 * </ul>
 */
final class FloorExtras implements FloorProcessor.Extras {
    static final List<String> ALL = List.of("event-reader", "jackson", "metrics", "powertools-logging");
    private static final Logger LOG = LoggerFactory.getLogger(FloorExtras.class);

    private final boolean serialization;
    private final boolean jackson;
    private final boolean logging;
    private final ObjectMapper mapper;
    private final TrackerMetrics metrics;
    private JsonNode detail;

    private FloorExtras(List<String> enabled) {
        serialization = enabled.contains("event-reader");
        jackson = enabled.contains("jackson");
        logging = enabled.contains("powertools-logging");
        mapper = jackson ? new ObjectMapper() : null;
        metrics = enabled.contains("metrics") ? EmfMetrics.fromEnvironment(System.getenv()) : null;
    }

    /** {@code spec}: comma-separated names, or {@code all}. */
    static FloorProcessor.Extras create(String spec) {
        List<String> enabled = spec.equals("all") ? ALL : Arrays.asList(spec.split(","));
        if (!ALL.containsAll(enabled)) {
            throw new IllegalArgumentException("unknown extras " + spec + "; known: " + ALL);
        }
        return new FloorExtras(enabled);
    }

    @Override
    public void before(byte[] event, Context context) {
        if (logging) {
            PowertoolsLogging.initializeLogging(context);
        }
        detail = null;
        if (serialization) {
            detail = io.github.optimizationjobtracker.event.EventBridgeEvents.read(event).detail();
        }
        if (jackson) {
            try {
                // As Json.parse does with the DescribeOptimizationJob body.
                JsonNode tree = mapper.readTree(event);
                if (detail == null) {
                    detail = tree.get("detail");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (logging) {
            MDC.put("eventId", "event");
            MDC.put("jobName", detail == null ? "job" : detail.path("OptimizationJobName").asText());
            LOG.info("processing {} for job {}", "state-change", MDC.get("jobName"));
        }
    }

    @Override
    public void after(String status) {
        if (jackson) {
            try {
                mapper.writeValueAsString(detail);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (metrics != null) {
            if ("FAILED".equals(status)) {
                metrics.count(TrackerMetrics.ALERTS_PUBLISHED);
            }
            metrics.count(TrackerMetrics.EVENTS_PROCESSED);
            metrics.flush();
        }
        if (logging) {
            MDC.put("status", status);
            LOG.info("recorded {} for {}: history {}, current {}, alert {}", status, MDC.get("jobName"), "NEW_STATUS",
                    "APPLIED", "FAILED".equals(status) ? "PUBLISHED" : "NONE");
            MDC.clear();
        }
    }
}
