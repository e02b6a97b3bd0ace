package io.github.optimizationjobtracker.benchmark;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.optimizationjobtracker.metrics.EmfMetrics;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>{@code event-reader}: the event read as a {@link ScheduledEvent} by the project's EventBridgeEvents (which
 *       replaced aws-lambda-java-serialization on the Lambda path; that library now only checks it in tests).</li>
 *   <li>{@code jackson}: one com.fasterxml {@link ObjectMapper}: a body parsed to a tree (Json.parse of the
 *       describe response), the event detail map to a tree (EventParser's {@code valueToTree}) and a tree written
 *       out (Json.write).</li>
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
        Map<String, Object> detailMap = null;
        if (serialization) {
            detailMap = io.github.optimizationjobtracker.event.EventBridgeEvents.read(event).getDetail();
        }
        if (jackson) {
            try {
                // As Json.parse does with the DescribeOptimizationJob body, then EventParser's valueToTree.
                JsonNode tree = mapper.readTree(event);
                if (detailMap == null) {
                    detailMap = plain(tree.get("detail"));
                }
                detail = mapper.valueToTree(detailMap);
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

    /** A JSON object as the plain map the Lambda serializer hands over, built without data binding. */
    private static Map<String, Object> plain(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().isObject() ? plain(e.getValue())
                : e.getValue().isArray() ? e.getValue().toString() : e.getValue().isNumber()
                ? e.getValue().numberValue() : e.getValue().asText()));
        return map;
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
