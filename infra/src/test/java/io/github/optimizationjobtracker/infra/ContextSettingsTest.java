package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.map;
import static io.github.optimizationjobtracker.infra.Cfn.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** Deployment choices come from CDK context; one synth with every value changed. */
class ContextSettingsTest {
    private static final Synth.Result CUSTOM = Synth.synth(Map.of(
            "alertEmail", "ml-platform@example.com",
            "opsEmail", "oncall@example.com",
            "pollIntervalMinutes", "5",
            "logRetentionDays", 90,
            "alertStatuses", "failed,STOPPED",
            "historyRetentionDays", "30",
            "chatTopic", "true",
            "stormThreshold", "8",
            "stormWindowMinutes", "15"));

    @Test
    void emailSubscriptionsAreAddedWhenGiven() {
        Template t = CUSTOM.template();
        t.resourceCountIs("AWS::SNS::Subscription", 2);
        t.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "ml-platform@example.com", "TopicArn", ref(TrackerStack.ALERT_TOPIC)));
        t.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email", "Endpoint", "oncall@example.com", "TopicArn", ref(TrackerStack.OPS_TOPIC)));
    }

    @Test
    void pollIntervalSetsTheScheduleAndStretchesTheHeartbeatWindow() {
        assertThat(CUSTOM.properties(TrackerStack.POLLER_SCHEDULE)).containsEntry("ScheduleExpression", "rate(5 minutes)");
        CUSTOM.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "PollerHeartbeat", "Period", 600, "TreatMissingData", "breaching"));
    }

    @Test
    void logRetentionAndFunctionSettingsFollowContext() {
        CUSTOM.template().allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 90));
        Map<String, Object> env = map(map(CUSTOM.properties(TrackerStack.PROCESSOR_FUNCTION).get("Environment"))
                .get("Variables"));
        assertThat(env).containsEntry(EnvironmentVariables.ALERT_STATUSES, "FAILED,STOPPED")
                .containsEntry(EnvironmentVariables.HISTORY_RETENTION_DAYS, "30")
                .containsEntry(EnvironmentVariables.STORM_THRESHOLD, "8")
                .containsEntry(EnvironmentVariables.STORM_WINDOW_MINUTES, "15")
                .containsEntry(EnvironmentVariables.CHAT_TOPIC_ARN, ref(TrackerStack.CHAT_TOPIC));
    }

    @Test
    void aChatTopicIsEncryptedPublishedToByTheProcessorAloneAndAlarmedOnDeliveryFailures() {
        Map<String, Object> topic = CUSTOM.properties(TrackerStack.CHAT_TOPIC);
        assertThat(topic).containsEntry("KmsMasterKeyId", Cfn.getAtt(TrackerStack.TOPIC_KEY, "Arn"));
        CUSTOM.template().hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "Topics", List.of(ref(TrackerStack.CHAT_TOPIC)),
                "PolicyDocument", Map.of("Statement", software.amazon.awscdk.assertions.Match.arrayWith(List.of(Map.of(
                        "Sid", "OnlyTheProcessorPublishesAlerts", "Effect", "Deny", "Action", "sns:Publish",
                        "Principal", Map.of("AWS", "*"), "Resource", ref(TrackerStack.CHAT_TOPIC),
                        "Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn",
                                Cfn.getAtt(TrackerStack.PROCESSOR_FUNCTION + "Role", "Arn")))))))));
        CUSTOM.template().hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                software.amazon.awscdk.assertions.Match.arrayWith(List.of(Map.of("Effect", "Allow",
                        "Action", "sns:Publish", "Resource", List.of(ref(TrackerStack.ALERT_TOPIC),
                                ref(TrackerStack.CHAT_TOPIC))))))));
        CUSTOM.template().hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "NumberOfNotificationsFailed",
                "Dimensions", List.of(Map.of("Name", "TopicName",
                        "Value", Cfn.getAtt(TrackerStack.CHAT_TOPIC, "TopicName")))));
        assertThat(map(map(CUSTOM.json().get("Outputs")).get("ChatTopicArn")).get("Value"))
                .isEqualTo(ref(TrackerStack.CHAT_TOPIC));
    }

    @Test
    void invalidValuesAreRejectedWithTheKeyNamed() {
        assertThatThrownBy(() -> settings(Map.of("logRetentionDays", 31)))
                .hasMessageContaining("logRetentionDays 31");
        assertThatThrownBy(() -> settings(Map.of("pollIntervalMinutes", "often")))
                .hasMessageContaining("pollIntervalMinutes");
        assertThatThrownBy(() -> settings(Map.of("pollIntervalMinutes", 0)))
                .hasMessageContaining("pollIntervalMinutes");
        assertThatThrownBy(() -> settings(Map.of("stormThreshold", -1))).hasMessageContaining("stormThreshold");
        assertThatThrownBy(() -> settings(Map.of("stormWindowMinutes", 0))).hasMessageContaining("stormWindowMinutes");
        assertThatThrownBy(() -> settings(Map.of("chatTopic", "maybe"))).hasMessageContaining("chatTopic");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrackerSettings d = settings(Map.of());
        assertThat(d).isEqualTo(TrackerSettings.defaults());
        assertThat(d.functionJar()).isEqualTo(Path.of("../function/target/function.jar"));
        assertThat(List.of(d.pollIntervalMinutes(), d.logRetentionDays(), d.historyRetentionDays()))
                .containsExactly(1, 30, 0);
    }

    @Test
    void missingFunctionJarFailsWithTheBuildCommand() {
        App app = App.Builder.create().context(Map.of("functionJar", "does/not/exist.jar")).build();
        assertThatThrownBy(() -> TrackerApp.build(app))
                .hasMessageContaining("does/not/exist.jar")
                .hasMessageContaining("mvn -DskipTests package");
    }

    private static TrackerSettings settings(Map<String, Object> context) {
        return TrackerSettings.fromContext(App.Builder.create().context(context).build().getNode());
    }
}
