package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.list;
import static io.github.optimizationjobtracker.infra.Cfn.map;
import static io.github.optimizationjobtracker.infra.Cfn.normalize;
import static io.github.optimizationjobtracker.infra.Cfn.ref;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code template.yaml} (SAM) and the CDK stack describing the same system. Both use the same logical ids
 * (TrackerStack fixes its ids to SAM's names), so resources are compared one to one. Each check reports every
 * difference it finds, naming the resource and property, with template.yaml's value as "actual" and the CDK
 * stack's as "expected".
 */
class SamTemplateDriftTest {
    private static final Synth.Result CDK = Synth.defaults();
    /** template.yaml as deployed with its parameters' defaults, which are the CDK stack's. */
    private static final Map<String, Object> SAM = SamDeployment.resolve(CfnYaml.load(Synth.SAM_TEMPLATE), Map.of());
    private static final Map<String, Object> SAM_RESOURCES = map(SAM.get("Resources"));
    private static final Map<String, Object> NO_VALUE = ref("AWS::NoValue");

    @Test
    void templateIsASamTemplate() {
        assertThat(SAM.get("Transform")).isEqualTo("AWS::Serverless-2016-10-31");
    }

    @Test
    void sameFunctions() {
        assertThat(samIds("AWS::Serverless::Function")).as("functions in template.yaml vs the CDK stack")
                .isEqualTo(cdkIds("AWS::Lambda::Function"));
    }

    @Test
    void sameFunctionConfiguration() {
        SoftAssertions soft = new SoftAssertions();
        for (String fn : samIds("AWS::Serverless::Function")) {
            Map<String, Object> sam = samProperties(fn);
            Map<String, Object> cdk = CDK.properties(fn);
            for (String property : List.of("Handler", "Runtime", "Architectures", "MemorySize", "Timeout",
                    "ReservedConcurrentExecutions", "SnapStart", "LoggingConfig", "Role")) {
                soft.assertThat(normalize(sam.get(property)))
                        .as("%s.%s in template.yaml must equal the CDK stack's", fn, property)
                        .isEqualTo(normalize(cdk.get(property)));
            }
            soft.assertThat(sam.get("AutoPublishAlias")).as("%s.AutoPublishAlias", fn)
                    .isEqualTo(CDK.properties(fn + "Aliaslive").get("Name"));
            soft.assertThat(sam.get("CodeUri")).as("%s.CodeUri (sam build builds the function module)", fn)
                    .isEqualTo("function/");
        }
        soft.assertAll();
    }

    @Test
    void sameEnvironmentVariableNamesAndValues() {
        SoftAssertions soft = new SoftAssertions();
        for (String fn : samIds("AWS::Serverless::Function")) {
            Map<String, Object> sam = new TreeMap<>(samEnvironment(fn));
            // Declared as AWS::NoValue (absent when deployed) only so `sam local invoke --env-vars` can set them.
            sam.entrySet().removeIf(e -> e.getValue().equals(NO_VALUE));
            Map<String, Object> cdk = new TreeMap<>(map(map(CDK.properties(fn).get("Environment")).get("Variables")));
            soft.assertThat(sam.keySet()).as("%s environment variable names in template.yaml vs the CDK stack", fn)
                    .isEqualTo(cdk.keySet());
            soft.assertThat(normalize(sam)).as("%s environment variable values in template.yaml vs the CDK stack", fn)
                    .isEqualTo(normalize(cdk));
        }
        soft.assertAll();
    }

    @Test
    void onlyEndpointOverridesAreLocalOnly() {
        for (String fn : samIds("AWS::Serverless::Function")) {
            samEnvironment(fn).forEach((name, value) -> {
                if (value.equals(NO_VALUE)) {
                    assertThat(name).as(fn + " local-only variable").startsWith("TRACKER_ENDPOINT_");
                }
            });
        }
    }

    @Test
    void sameEventsPatternsScheduleRetriesAndDeadLetterQueues() {
        SoftAssertions soft = new SoftAssertions();
        Set<String> samRules = new TreeSet<>();
        for (String fn : samIds("AWS::Serverless::Function")) {
            Map<String, Object> events = map(samProperties(fn).getOrDefault("Events", Map.of()));
            events.forEach((name, value) -> {
                String ruleId = fn + name; // the id SAM gives the AWS::Events::Rule it generates
                samRules.add(ruleId);
                Map<String, Object> event = map(value);
                Map<String, Object> p = map(event.get("Properties"));
                Map<String, Object> cdkRule = map(map(CDK.resources().getOrDefault(ruleId, Map.of()))
                        .getOrDefault("Properties", Map.of()));
                if (cdkRule.isEmpty()) {
                    soft.fail("template.yaml event %s.%s has no rule %s in the CDK stack", fn, name, ruleId);
                    return;
                }
                switch ((String) event.get("Type")) {
                    case "EventBridgeRule" -> {
                        soft.assertThat(normalize(p.get("Pattern"))).as("%s event pattern", ruleId)
                                .isEqualTo(normalize(cdkRule.get("EventPattern")));
                        soft.assertThat(p.get("EventBusName")).as("%s bus", ruleId)
                                .isEqualTo(cdkRule.get("EventBusName"));
                    }
                    case "Schedule" -> soft.assertThat(p.get("Schedule")).as("%s schedule expression", ruleId)
                            .isEqualTo(cdkRule.get("ScheduleExpression"));
                    default -> soft.fail("%s: event type %s has no CDK counterpart in this check", ruleId,
                            event.get("Type"));
                }
                List<Object> targets = list(cdkRule.get("Targets"));
                soft.assertThat(targets).as("%s targets", ruleId).hasSize(1);
                Map<String, Object> target = map(targets.get(0));
                soft.assertThat(target.get("Arn")).as("%s targets the function's alias (SAM: AutoPublishAlias)", ruleId)
                        .isEqualTo(ref(fn + "Aliaslive"));
                soft.assertThat(normalize(p.get("RetryPolicy"))).as("%s retry policy", ruleId)
                        .isEqualTo(normalize(target.get("RetryPolicy")));
                soft.assertThat(normalize(p.get("DeadLetterConfig"))).as("%s dead-letter queue", ruleId)
                        .isEqualTo(normalize(target.get("DeadLetterConfig")));
                soft.assertThat(normalize(p.get("InputTransformer"))).as("%s input transformer", ruleId)
                        .isEqualTo(normalize(target.get("InputTransformer")));
            });
        }
        // Rules of their own (not a function's event source) are compared as resources.
        for (String rule : samIds("AWS::Events::Rule")) {
            samRules.add(rule);
            soft.assertThat(normalize(withoutTags(samProperties(rule)))).as("rule %s", rule)
                    .isEqualTo(normalize(withoutTags(CDK.properties(rule))));
        }
        soft.assertThat(samRules).as("EventBridge rules in template.yaml vs the CDK stack")
                .isEqualTo(cdkIds("AWS::Events::Rule"));
        soft.assertAll();
    }

    @Test
    void sameAsynchronousInvocationSettings() {
        SoftAssertions soft = new SoftAssertions();
        for (String fn : samIds("AWS::Serverless::Function")) {
            Map<String, Object> sam = map(samProperties(fn).getOrDefault("EventInvokeConfig", Map.of()));
            Map<String, Object> cdk = CDK.properties(fn + "EventInvokeConfig");
            for (String property : List.of("MaximumRetryAttempts", "MaximumEventAgeInSeconds")) {
                soft.assertThat(normalize(sam.get(property))).as("%s.EventInvokeConfig.%s", fn, property)
                        .isEqualTo(normalize(cdk.get(property)));
            }
            Object samFailure = sam.get("DestinationConfig") == null ? null
                    : map(map(sam.get("DestinationConfig")).get("OnFailure")).get("Destination");
            Object cdkFailure = cdk.get("DestinationConfig") == null ? null
                    : map(map(cdk.get("DestinationConfig")).get("OnFailure")).get("Destination");
            soft.assertThat(samFailure).as("%s on-failure destination", fn).isEqualTo(cdkFailure);
        }
        soft.assertAll();
    }

    /** Both give every role exactly its statements: SAM's functions name their roles, so SAM adds none. */
    @Test
    void sameRolesAndPermissions() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(samIds("AWS::IAM::Role")).as("roles").isEqualTo(cdkIds("AWS::IAM::Role"));
        for (String role : cdkIds("AWS::IAM::Role")) {
            Map<String, Object> sam = map(SAM_RESOURCES.getOrDefault(role, Map.of("Properties", Map.of())));
            Map<String, Object> samRole = map(sam.get("Properties"));
            soft.assertThat(normalize(samRole.get("AssumeRolePolicyDocument"))).as("%s trust policy", role)
                    .isEqualTo(normalize(CDK.properties(role).get("AssumeRolePolicyDocument")));
            soft.assertThat(samRole).as("%s", role).doesNotContainKeys("ManagedPolicyArns", "Policies");
            soft.assertThat(statementsOf(SAM_RESOURCES, role)).as("%s statements in template.yaml vs the CDK stack", role)
                    .containsExactlyInAnyOrderElementsOf(statementsOf(CDK.resources(), role));
        }
        for (String fn : samIds("AWS::Serverless::Function")) {
            soft.assertThat(samProperties(fn)).as("%s: permissions come from its role alone", fn)
                    .doesNotContainKey("Policies");
        }
        soft.assertAll();
    }

    @Test
    void sameTrackerBusAndPolicy() {
        for (String bus : cdkIds("AWS::Events::EventBus")) {
            assertThat(normalize(withoutTags(samProperties(bus)))).as("event bus %s (name and policy)", bus)
                    .isEqualTo(normalize(withoutTags(CDK.properties(bus))));
        }
        assertThat(samIds("AWS::Events::EventBus")).isEqualTo(cdkIds("AWS::Events::EventBus"));
    }

    /** The key's policy: the same service statements with the same conditions (the root statement is written
     * with Fn::Join by CDK and Fn::Sub here). */
    @Test
    void sameKeyPolicyForTheServicesThatWriteToTopicsAndQueues() {
        for (String key : cdkIds("AWS::KMS::Key")) {
            assertThat(serviceStatements(samProperties(key))).as("key %s service statements", key)
                    .containsExactlyInAnyOrderElementsOf(serviceStatements(CDK.properties(key)));
            assertThat(samProperties(key).get("EnableKeyRotation")).isEqualTo(true);
        }
    }

    /** template.yaml keeps the alarms that guard against loss; each equals the CDK stack's alarm of that name. */
    @Test
    void samAlarmsAreTheCdkStacksLossAlarms() {
        SoftAssertions soft = new SoftAssertions();
        Set<String> samAlarms = samIds("AWS::CloudWatch::Alarm");
        soft.assertThat(samAlarms).containsExactlyInAnyOrder("ProcessorErrorsAlarm", "PollerErrorsAlarm",
                "EventDlqNotEmptyAlarm", "FailureQueueNotEmptyAlarm", "PollerHeartbeatMissingAlarm");
        for (String alarm : samAlarms) {
            soft.assertThat(normalize(withoutTags(samProperties(alarm)))).as("alarm %s", alarm)
                    .isEqualTo(normalize(withoutTags(TrackerStackTest.alarm(alarm))));
        }
        soft.assertAll();
    }

    @Test
    void sameTableKeysIndexesAndProtection() {
        for (String table : cdkIds("AWS::DynamoDB::Table")) {
            Map<String, Object> sam = map(SAM_RESOURCES.get(table));
            Map<String, Object> cdk = CDK.resource(table);
            assertThat(sam).as("table %s in template.yaml", table).isNotNull();
            assertThat(normalize(withoutTags(map(sam.get("Properties")))))
                    .as("table %s (keys, indexes, billing, recovery, protection, TTL, encryption)", table)
                    .isEqualTo(normalize(withoutTags(map(cdk.get("Properties")))));
            assertThat(List.of(sam.get("DeletionPolicy"), sam.get("UpdateReplacePolicy"))).as("table %s retained", table)
                    .isEqualTo(List.of(cdk.get("DeletionPolicy"), cdk.get("UpdateReplacePolicy")));
        }
    }

    @Test
    void sameQueuesTopicsAndLogGroups() {
        SoftAssertions soft = new SoftAssertions();
        for (String type : List.of("AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Logs::LogGroup")) {
            soft.assertThat(samIds(type)).as("%s resources in template.yaml vs the CDK stack", type)
                    .isEqualTo(cdkIds(type));
            for (String id : cdkIds(type)) {
                Object sam = SAM_RESOURCES.get(id) == null ? null : map(SAM_RESOURCES.get(id)).get("Properties");
                soft.assertThat(normalize(sam == null ? null : withoutTags(map(sam)))).as("%s properties", id)
                        .isEqualTo(normalize(withoutTags(CDK.properties(id))));
            }
        }
        soft.assertAll();
    }

    @Test
    void sameTlsOnlyPoliciesAndDeadLetterSenders() {
        SoftAssertions soft = new SoftAssertions();
        for (String type : List.of("AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy")) {
            String targetsKey = type.startsWith("AWS::SNS") ? "Topics" : "Queues";
            Map<Object, List<Object>> sam = policiesByTarget(SAM_RESOURCES, type, targetsKey);
            Map<Object, List<Object>> cdk = policiesByTarget(CDK.resources(), type, targetsKey);
            soft.assertThat(sam.keySet()).as("%s targets", type).isEqualTo(cdk.keySet());
            cdk.forEach((target, statements) -> soft.assertThat(sam.getOrDefault(target, List.of()))
                    .as("%s statements for %s (by effect, principal, action, resource, condition)", type, target)
                    .containsExactlyInAnyOrderElementsOf(statements));
        }
        soft.assertAll();
    }

    @Test
    void samOutputsAreTheCdkOutputs() {
        Map<String, Object> samOutputs = map(SAM.get("Outputs"));
        Map<String, Object> cdkOutputs = map(CDK.json().get("Outputs"));
        SoftAssertions soft = new SoftAssertions();
        samOutputs.forEach((name, output) -> soft.assertThat(normalize(map(output).get("Value")))
                .as("output %s", name)
                .isEqualTo(normalize(cdkOutputs.containsKey(name) ? map(cdkOutputs.get(name)).get("Value") : null)));
        soft.assertThat(cdkOutputs.keySet()).as("CDK outputs missing from template.yaml (the dashboard is CDK-only)")
                .containsAll(samOutputs.keySet())
                .hasSize(samOutputs.size() + 1);
        soft.assertAll();
    }

    @Test
    void withAChatTopicTheSameAsTheCdkStackWithOne() {
        Synth.Result cdk = Synth.synth(Map.of("chatTopic", "true"));
        Map<String, Object> sam = map(SamDeployment.resolve(CfnYaml.load(Synth.SAM_TEMPLATE),
                Map.of("EnableChatTopic", "true")).get("Resources"));
        SoftAssertions soft = new SoftAssertions();
        Map<String, Object> samEnv = new TreeMap<>(map(map(map(map(sam.get("ProcessorFunction")).get("Properties"))
                .get("Environment")).get("Variables")));
        samEnv.entrySet().removeIf(e -> e.getValue().equals(NO_VALUE));
        soft.assertThat(normalize(samEnv)).as("processor environment with a chat topic")
                .isEqualTo(normalize(map(map(cdk.properties("ProcessorFunction").get("Environment")).get("Variables"))));
        soft.assertThat(normalize(map(map(sam.get(TrackerStack.CHAT_TOPIC)).get("Properties"))))
                .as("the chat topic").isEqualTo(normalize(withoutTags(cdk.properties(TrackerStack.CHAT_TOPIC))));
        soft.assertThat(policiesByTarget(sam, "AWS::SNS::TopicPolicy", "Topics"))
                .as("topic policies with a chat topic")
                .isEqualTo(policiesByTarget(cdk.resources(), "AWS::SNS::TopicPolicy", "Topics"));
        soft.assertThat(statementsOf(sam, "ProcessorFunctionRole")).as("processor role with a chat topic")
                .containsExactlyInAnyOrderElementsOf(statementsOf(cdk.resources(), "ProcessorFunctionRole"));
        soft.assertAll();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /**
     * Policy statements per target, one statement per source ARN (CDK writes one statement per rule, a person
     * writes one statement listing them) and without Sid (a label).
     */
    private static Map<Object, List<Object>> policiesByTarget(Map<String, Object> resources, String type, String key) {
        Map<Object, List<Object>> result = new HashMap<>();
        resources.values().stream().map(Cfn::map).filter(r -> type.equals(r.get("Type"))).forEach(r -> {
            Map<String, Object> p = map(r.get("Properties"));
            for (Object target : list(p.get(key))) {
                List<Object> statements = result.computeIfAbsent(normalize(target), t -> new ArrayList<>());
                for (Object statement : list(map(p.get("PolicyDocument")).get("Statement"))) {
                    statements.addAll(perSourceArn(statement));
                }
            }
        });
        return result;
    }

    private static List<Object> perSourceArn(Object statement) {
        Map<String, Object> s = new LinkedHashMap<>(map(statement));
        s.remove("Sid");
        Object condition = s.get("Condition");
        if (condition != null && map(condition).get("ArnEquals") != null
                && map(map(condition).get("ArnEquals")).get("aws:SourceArn") instanceof List<?> arns) {
            List<Object> split = new ArrayList<>();
            for (Object arn : arns) {
                Map<String, Object> one = new LinkedHashMap<>(s);
                one.put("Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", arn)));
                split.add(Cfn.statement(one));
            }
            return split;
        }
        return List.of(Cfn.statement(s));
    }

    /** The statements of the policies attached to a role, in canonical form. */
    private static List<Object> statementsOf(Map<String, Object> resources, String role) {
        List<Object> statements = new ArrayList<>();
        resources.values().stream().map(Cfn::map).filter(r -> "AWS::IAM::Policy".equals(r.get("Type"))).forEach(r -> {
            Map<String, Object> p = map(r.get("Properties"));
            if (list(p.get("Roles")).contains(ref(role))) {
                list(map(p.get("PolicyDocument")).get("Statement")).forEach(st -> statements.add(Cfn.statement(st)));
            }
        });
        return statements;
    }

    private static List<Object> serviceStatements(Map<String, Object> key) {
        return list(map(key.get("KeyPolicy")).get("Statement")).stream()
                .filter(st -> map(st).get("Principal") instanceof Map<?, ?> p && p.containsKey("Service"))
                .map(Cfn::statement).toList();
    }

    private static Map<String, Object> withoutTags(Map<String, Object> properties) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.remove("Tags");
        return copy;
    }

    private static Map<String, Object> samProperties(String id) {
        return map(map(SAM_RESOURCES.get(id)).get("Properties"));
    }

    private static Map<String, Object> samEnvironment(String fn) {
        return map(map(samProperties(fn).get("Environment")).get("Variables"));
    }

    private static Set<String> samIds(String type) {
        Set<String> ids = new TreeSet<>();
        SAM_RESOURCES.forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static Set<String> cdkIds(String type) {
        Set<String> ids = new TreeSet<>();
        CDK.resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }
}
