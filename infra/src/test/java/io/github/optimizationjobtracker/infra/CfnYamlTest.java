package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drift test is only as good as its parser: CloudFormation tags must survive, as their long form. */
class CfnYamlTest {

    @Test
    void shortFormTagsBecomeTheirLongForm() {
        Map<String, Object> doc = CfnYaml.parse("""
                a: !Ref JobsTable
                b: !GetAtt ProcessorEventDlq.Arn
                c: !Sub arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default
                d: !If [HasAlertEmail, !Ref AlertEmail, !Ref AWS::NoValue]
                e: !Not [!Equals [!Ref AlertEmail, ""]]
                f: !GetAtt [Queue, QueueName]
                g: !Join ["", [a, !Ref B]]
                h: !Select [0, !Split [",", "x,y"]]
                """);
        assertThat(doc.get("a")).isEqualTo(Map.of("Ref", "JobsTable"));
        assertThat(doc.get("b")).isEqualTo(Map.of("Fn::GetAtt", List.of("ProcessorEventDlq", "Arn")));
        assertThat(doc.get("c")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"));
        assertThat(doc.get("d")).isEqualTo(Map.of("Fn::If",
                List.of("HasAlertEmail", Map.of("Ref", "AlertEmail"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(doc.get("e")).isEqualTo(Map.of("Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlertEmail"), "")))));
        assertThat(doc.get("f")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "QueueName")));
        assertThat(doc.get("g")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a", Map.of("Ref", "B")))));
        assertThat(doc.get("h")).isEqualTo(Map.of("Fn::Select",
                List.of(0, Map.of("Fn::Split", List.of(",", "x,y")))));
    }

    @Test
    void unknownTagsAreAnErrorNotSilentlyDropped() {
        assertThatThrownBy(() -> CfnYaml.parse("a: !NotACloudFormationFunction x\n"))
                .hasMessageContaining("!NotACloudFormationFunction");
    }

    @Test
    void theRealTemplateKeepsItsReferences() {
        Map<String, Object> template = CfnYaml.load(Synth.SAM_TEMPLATE);
        Map<String, Object> processor = map(map(map(template.get("Resources")).get("ProcessorFunction")).get("Properties"));
        Map<String, Object> env = map(map(processor.get("Environment")).get("Variables"));
        assertThat(env.get("TABLE_NAME")).isEqualTo(Map.of("Ref", "JobsTable"));
        assertThat(env.get("TRACKER_ENDPOINT_DYNAMODB")).isEqualTo(Map.of("Ref", "AWS::NoValue"));
        assertThat(map(map(map(map(processor.get("Events")).get("StateChange")).get("Properties"))
                .get("DeadLetterConfig")).get("Arn"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("ProcessorEventDlq", "Arn")));
    }
}
