package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** events/sam-env.json must point sam local invoke at the stand-ins the local run starts with --fixed-ports. */
class SamEnvFileTest {
    @Test
    void endpointsInSamEnvMatchTheFixedPortsOfTheStandIns() throws Exception {
        JsonNode env = Json.parse(Files.readAllBytes(TestEvents.LAYOUT.events().resolve("sam-env.json")));
        Map<String, Integer> expected = Map.of(
                "TRACKER_ENDPOINT_DYNAMODB", StandIns.DYNAMODB_PORT,
                "TRACKER_ENDPOINT_SNS", StandIns.SNS_PORT,
                "TRACKER_ENDPOINT_SAGEMAKER", StandIns.SAGEMAKER_PORT,
                "TRACKER_ENDPOINT_EVENTBRIDGE", StandIns.EVENTBRIDGE_PORT);
        int checked = 0;
        for (JsonNode function : env) {
            for (Map.Entry<String, Integer> endpoint : expected.entrySet()) {
                if (function.has(endpoint.getKey())) {
                    assertThat(URI.create(function.get(endpoint.getKey()).asText()).getPort())
                            .as(endpoint.getKey()).isEqualTo(endpoint.getValue());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6);
        assertThat(env.get("ProcessorFunction").get("TABLE_NAME").asText()).isEqualTo(LocalEnvironment.TABLE);
        assertThat(env.get("ProcessorFunction").get("ALERT_TOPIC_ARN").asText())
                .isEqualTo(new LocalEnvironment(null, null, null, null, null).topicArn());
    }

    /** sam local invoke PollerFunction with sam-env.json must list the sample jobs, whose dates are fixed. */
    @Test
    void thePollersFirstPollFromSamEnvReachesEverySampleJob() throws Exception {
        JsonNode env = Json.parse(Files.readAllBytes(TestEvents.LAYOUT.events().resolve("sam-env.json")));
        Map<String, String> variables = new java.util.HashMap<>();
        env.get("PollerFunction").properties().forEach(e -> variables.put(e.getKey(), e.getValue().asText()));
        variables.put("AWS_REGION", LocalEnvironment.REGION);
        java.util.Optional<java.time.Duration> backfill =
                io.github.optimizationjobtracker.config.PollerConfig.fromEnvironment(variables).backfill();

        java.time.Instant oldest = java.time.Instant.MAX;
        try (var pages = Files.list(TestEvents.LAYOUT.listFixtures())) {
            for (java.nio.file.Path page : pages.toList()) {
                for (JsonNode job : Json.parse(Files.readAllBytes(page)).get("OptimizationJobSummaries")) {
                    java.time.Instant changed = java.time.Instant.ofEpochMilli(
                            Math.round(job.get("LastModifiedTime").asDouble() * 1000));
                    oldest = changed.isBefore(oldest) ? changed : oldest;
                }
            }
        }
        java.time.Instant reach = oldest;
        assertThat(backfill).as("the first poll's look-back").satisfiesAnyOf(
                b -> assertThat(b).isEmpty(),
                b -> assertThat(java.time.Instant.now().minus(b.orElseThrow())).isBefore(reach));
    }
}
