package io.github.optimizationjobtracker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.job.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {
    private static final Map<String, String> VALID = Map.of(
            "AWS_REGION", "eu-west-1",
            "TABLE_NAME", "optimization-jobs",
            "ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:alerts");

    @Test
    void readsAValidEnvironmentWithDefaults() {
        ProcessorConfig config = ProcessorConfig.fromEnvironment(VALID);

        assertThat(config.alertStatuses()).containsExactly(JobStatus.FAILED);
        assertThat(config.keepsHistoryForever()).isTrue();
        assertThat(config.endpoints().anyOverridden()).isFalse();
    }

    @Test
    void readsOptionalSettings() {
        var env = new java.util.HashMap<>(VALID);
        env.put("ALERT_STATUSES", "failed, STOPPED");
        env.put("HISTORY_RETENTION_DAYS", "90");
        env.put("TRACKER_ENDPOINT_DYNAMODB", "http://127.0.0.1:8000");

        ProcessorConfig config = ProcessorConfig.fromEnvironment(env);

        assertThat(config.alertStatuses()).isEqualTo(Set.of(JobStatus.FAILED, JobStatus.STOPPED));
        assertThat(config.historyRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.endpoints().dynamoDb()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8000));
    }

    @Test
    void namesEveryProblemInOneMessage() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnvironment(Map.of(
                "ALERT_TOPIC_ARN", "not-an-arn",
                "ALERT_STATUSES", "FAILED,EXPLODED",
                "HISTORY_RETENTION_DAYS", "forever",
                "TRACKER_ENDPOINT_SNS", "localhost")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("Invalid configuration (6 problems): ")
                .hasMessageContaining("AWS_REGION is not set")
                .hasMessageContaining("TABLE_NAME is not set")
                .hasMessageContaining("ALERT_TOPIC_ARN 'not-an-arn' is not an SNS topic ARN")
                .hasMessageContaining("ALERT_STATUSES 'FAILED,EXPLODED': unknown status 'EXPLODED'")
                .hasMessageContaining("HISTORY_RETENTION_DAYS 'forever' is not a whole number")
                .hasMessageContaining("TRACKER_ENDPOINT_SNS 'localhost' is not an absolute http(s) URL");
    }
}
