package io.github.optimizationjobtracker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents must be valid Embedded Metric Format, or CloudWatch silently extracts nothing. */
class EmfMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30.123Z");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EmfMetrics metrics = new EmfMetrics("optimization-job-tracker", "OptimizationJobTracker",
            new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

    private List<JsonNode> documents() {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                documents.add(Json.parse(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return documents;
    }

    @Test
    void writesOneEmfDocumentPerFlushWithEveryMetricUnderTheServiceDimension() {
        metrics.count(TrackerMetrics.EVENTS_PROCESSED);
        metrics.count(TrackerMetrics.ALERTS_PUBLISHED);
        metrics.count(TrackerMetrics.EVENTS_PROCESSED, 2);
        metrics.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).hasLineCount(1);
        JsonNode document = documents().get(0);
        JsonNode aws = document.get("_aws");
        assertThat(aws.get("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(aws.get("CloudWatchMetrics")).hasSize(1);
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("OptimizationJobTracker");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"service\"]]");
        assertThat(directive.get("Metrics").toString()).isEqualTo(
                "[{\"Name\":\"EventsProcessed\",\"Unit\":\"Count\"},{\"Name\":\"AlertsPublished\",\"Unit\":\"Count\"}]");
        assertThat(document.get("service").asText()).isEqualTo("optimization-job-tracker");
        assertThat(document.get("EventsProcessed").isNumber()).isTrue();
        assertThat(document.get("EventsProcessed").asDouble()).isEqualTo(3);
        assertThat(document.get("AlertsPublished").asDouble()).isEqualTo(1);
    }

    @Test
    void startsEachInvocationEmptyAndWritesNothingWhenNothingWasCounted() {
        metrics.flush();
        assertThat(out.size()).isZero();

        metrics.count(TrackerMetrics.EVENTS_REJECTED);
        metrics.flush();
        metrics.flush();
        metrics.count(TrackerMetrics.EVENTS_PROCESSED);
        metrics.flush();

        List<JsonNode> documents = documents();
        assertThat(documents).hasSize(2);
        assertThat(documents.get(1).has("EventsRejected")).isFalse();
        assertThat(documents.get(1).get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")).hasSize(1);
    }

    @Test
    void keepsEveryValueOfANonCountMetricAndSplitsAtTheEmfLimitOfOneHundred() {
        metrics.seconds(TrackerMetrics.POLL_LAG_SECONDS, 1.5);
        metrics.seconds(TrackerMetrics.POLL_LAG_SECONDS, 90);
        metrics.flush();
        JsonNode lag = documents().get(0).get("PollLagSeconds");
        assertThat(lag.toString()).isEqualTo("[1.5,90]");
        assertThat(documents().get(0).get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Unit")
                .asText()).isEqualTo("Seconds");

        out.reset();
        for (int i = 0; i < EmfMetrics.MAX_VALUES + 1; i++) {
            metrics.seconds(TrackerMetrics.POLL_LAG_SECONDS, i);
        }
        metrics.flush();
        List<JsonNode> documents = documents();
        assertThat(documents).hasSize(2);
        assertThat(documents.get(0).get("PollLagSeconds")).hasSize(EmfMetrics.MAX_VALUES);
        assertThat(documents.get(1).get("PollLagSeconds").asDouble()).isEqualTo(EmfMetrics.MAX_VALUES);
    }

    @Test
    void escapesNamesFromTheEnvironment() {
        EmfMetrics odd = new EmfMetrics("team \"ml\"\\ops", "Acme/ML Jobs",
                new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        odd.count(TrackerMetrics.EVENTS_PROCESSED);
        odd.flush();
        JsonNode document = documents().get(0);
        assertThat(document.get("service").asText()).isEqualTo("team \"ml\"\\ops");
        assertThat(document.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText()).isEqualTo("Acme/ML Jobs");
    }

    @Test
    void rejectsWhatCloudWatchWouldDropSilently() {
        assertThatThrownBy(() -> metrics.seconds(TrackerMetrics.POLL_LAG_SECONDS, Double.NaN))
                .hasMessageContaining("PollLagSeconds").hasMessageContaining("finite");
        metrics.count(TrackerMetrics.EVENTS_PROCESSED);
        assertThatThrownBy(() -> metrics.seconds(TrackerMetrics.EVENTS_PROCESSED, 1))
                .hasMessageContaining("EventsProcessed is recorded in Count, not Seconds");
        assertThatThrownBy(() -> new EmfMetrics(" ", "OptimizationJobTracker", System.out, Clock.systemUTC()))
                .hasMessageContaining("service name");
    }

    @Test
    void readsServiceAndNamespaceFromThePowertoolsVariablesWithTheStacksDefaults() {
        PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        EmfMetrics configured = EmfMetrics.fromEnvironment(java.util.Map.of(
                "POWERTOOLS_SERVICE_NAME", "svc", "POWERTOOLS_METRICS_NAMESPACE", "Ns"), stream, clock);
        configured.count(TrackerMetrics.EVENTS_PROCESSED);
        configured.flush();
        EmfMetrics defaults = EmfMetrics.fromEnvironment(java.util.Map.of(), stream, clock);
        defaults.count(TrackerMetrics.EVENTS_PROCESSED);
        defaults.flush();

        List<JsonNode> documents = documents();
        assertThat(documents.get(0).get("service").asText()).isEqualTo("svc");
        assertThat(documents.get(0).get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText()).isEqualTo("Ns");
        assertThat(documents.get(1).get("service").asText()).isEqualTo("optimization-job-tracker");
        assertThat(documents.get(1).get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText())
                .isEqualTo("OptimizationJobTracker");
    }
}
