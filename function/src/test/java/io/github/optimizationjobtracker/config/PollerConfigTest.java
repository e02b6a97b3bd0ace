package io.github.optimizationjobtracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollerConfigTest {
    private static Map<String, String> valid() {
        return new HashMap<>(Map.of("AWS_REGION", "us-west-2", "TABLE_NAME", "optimization-jobs"));
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        PollerConfig config = PollerConfig.fromEnvironment(valid());

        assertThat(config.eventBusName()).isEqualTo("default");
        assertThat(config.overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.backfill()).contains(Duration.ofHours(24));
        assertThat(config.pageSize()).isEqualTo(100);
    }

    @Test
    void backfillAllMeansTheWholeHistory() {
        Map<String, String> env = valid();
        env.put("POLL_BACKFILL_HOURS", "all");

        assertThat(PollerConfig.fromEnvironment(env).backfill()).isEmpty();
    }

    @Test
    void namesEveryProblemInOneMessage() {
        Map<String, String> env = new HashMap<>(Map.of("POLL_BACKFILL_HOURS", "forever", "POLL_PAGE_SIZE", "500",
                "POLL_OVERLAP_SECONDS", "-1", "EVENT_BUS_NAME", "bad bus name"));

        assertThatThrownBy(() -> PollerConfig.fromEnvironment(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AWS_REGION is not set")
                .hasMessageContaining("TABLE_NAME is not set")
                .hasMessageContaining("EVENT_BUS_NAME 'bad bus name' is not an event bus name or ARN")
                .hasMessageContaining("POLL_OVERLAP_SECONDS '-1' is outside 0..86400")
                .hasMessageContaining("POLL_BACKFILL_HOURS 'forever' is not a number")
                .hasMessageContaining("POLL_PAGE_SIZE '500' is outside 1..100");
    }
}
