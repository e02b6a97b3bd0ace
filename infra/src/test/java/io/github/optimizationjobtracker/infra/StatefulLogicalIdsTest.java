package io.github.optimizationjobtracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A resource whose logical id changes is replaced by CloudFormation on the next deploy: for the table that is every
 * job's history, for the key every encrypted message, for a topic every subscription. However the stack's code is
 * arranged, the stateful resources keep the logical ids deployed stacks already have (written down in
 * {@code stateful-logical-ids.txt}; a new stateful resource is added there on purpose, never renamed).
 */
class StatefulLogicalIdsTest {
    private static final Set<String> STATEFUL = Set.of("AWS::DynamoDB::Table", "AWS::KMS::Key", "AWS::SNS::Topic",
            "AWS::SQS::Queue", "AWS::Logs::LogGroup", "AWS::Events::EventBus", "AWS::Lambda::Function",
            "AWS::Lambda::Alias", "AWS::IAM::Role", "AWS::Events::Rule", "AWS::SNS::Subscription");
    private static final Path DEPLOYED = Path.of("src/test/resources/stateful-logical-ids.txt");

    static Map<String, String> statefulIds(Map<String, Object> template) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) template.get("Resources");
        Map<String, String> ids = new TreeMap<>();
        resources.forEach((id, resource) -> {
            String type = (String) resource.get("Type");
            if (STATEFUL.contains(type)) {
                ids.put(id, type);
            }
        });
        return ids;
    }

    private static Map<String, String> deployed() {
        try {
            Map<String, String> ids = new TreeMap<>();
            for (String line : Files.readAllLines(DEPLOYED, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split("\\s+");
                    ids.put(parts[0], parts[1]);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDefaultStackKeepsEveryStatefulLogicalId() {
        assertThat(statefulIds(Synth.defaults().json())).isEqualTo(deployed());
    }

    @Test
    void optionalResourcesAddIdsWithoutRenamingAny() {
        Map<String, String> withChat = statefulIds(Synth.synth(Map.of("chatTopic", "true",
                "alertEmail", "oncall@example.com", "opsEmail", "ops@example.com")).json());

        assertThat(withChat).containsAllEntriesOf(deployed()).containsEntry("ChatTopic", "AWS::SNS::Topic");
    }
}
