package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * events/sam-env.json drives {@code sam local invoke --env-vars}. SAM CLI applies a value only to a variable the
 * function declares in template.yaml, and silently ignores the rest, so every key here must be declared there.
 */
class SamEnvFileTest {
    private static final Map<String, Object> ENV_FILE = load();
    private static final Map<String, Object> SAM = map(CfnYaml.load(Synth.SAM_TEMPLATE).get("Resources"));

    @Test
    void everyVariableIsDeclaredByItsFunctionInTemplateYaml() {
        assertThat(ENV_FILE).isNotEmpty();
        ENV_FILE.forEach((function, variables) -> {
            Map<String, Object> resource = map(SAM.get(function));
            assertThat(resource).as("%s (env-vars keys are function logical ids)", function).isNotNull();
            assertThat(resource.get("Type")).isEqualTo("AWS::Serverless::Function");
            Map<String, Object> declared = map(map(map(resource.get("Properties")).get("Environment")).get("Variables"));
            assertThat(declared.keySet()).as("%s variables declared in template.yaml", function)
                    .containsAll(map(variables).keySet());
            map(variables).values().forEach(v -> assertThat(v).as("values are strings").isInstanceOf(String.class));
        });
    }

    @Test
    void processorTalksToLocalStandIns() {
        Map<String, Object> processor = map(ENV_FILE.get(TrackerStack.PROCESSOR_FUNCTION));
        assertThat(processor)
                .containsEntry(EnvironmentVariables.TABLE_NAME, "optimization-jobs")
                .containsEntry(EnvironmentVariables.ALERT_TOPIC_ARN,
                        "arn:aws:sns:us-east-1:000000000000:optimization-job-alerts")
                .containsKeys(EnvironmentVariables.ENDPOINT_DYNAMODB, EnvironmentVariables.ENDPOINT_SNS,
                        EnvironmentVariables.ENDPOINT_SAGEMAKER);
        assertEndpointsReachTheHost(processor);
    }

    @Test
    void pollerTalksToLocalStandIns() {
        Map<String, Object> poller = map(ENV_FILE.get(TrackerStack.POLLER_FUNCTION));
        assertThat(poller)
                .containsEntry(EnvironmentVariables.TABLE_NAME, "optimization-jobs")
                .containsKeys(EnvironmentVariables.ENDPOINT_DYNAMODB, EnvironmentVariables.ENDPOINT_SAGEMAKER,
                        EnvironmentVariables.ENDPOINT_EVENTBRIDGE);
        assertEndpointsReachTheHost(poller);
    }

    private static void assertEndpointsReachTheHost(Map<String, Object> variables) {
        variables.forEach((name, value) -> {
            if (name.startsWith("TRACKER_ENDPOINT_")) {
                // sam local runs the function in a container: localhost would be the container itself
                assertThat((String) value).as(name).matches("http://host\\.docker\\.internal:\\d+");
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try {
            return (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(Synth.SAM_ENV_FILE));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
