package io.github.optimizationjobtracker.infra;

import io.github.optimizationjobtracker.event.EventContract;
import io.github.optimizationjobtracker.event.EventRoutes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * How events reach the processor: the tracker's own bus, whose policy admits the poller's state changes alone; one
 * rule per route of {@code event/EventRoutes} (the same definitions the tests and template.yaml use), on the
 * tracker bus or the default one; and the rule that copies the tracker's state changes to the default bus for other
 * teams. Every bus and rule keeps the logical id template.yaml gives it.
 */
final class EventRouting extends Construct {
    private final EventBus bus;

    EventRouting(Construct scope, Role pollerRole) {
        super(scope, "EventRouting");
        bus = trackerBus(pollerRole);
    }

    EventBus bus() {
        return bus;
    }

    /**
     * The bus the poller's state changes travel on. Its policy refuses PutEvents to every principal but the
     * poller's role, whatever their IAM permissions: only what the poller saw in SageMaker arrives here.
     */
    private EventBus trackerBus(Role pollerRole) {
        String name = "${AWS::StackName}-state-changes";
        EventBus bus = EventBus.Builder.create(this, TrackerStack.TRACKER_BUS).eventBusName(Fn.sub(name)).build();
        String arn = Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/" + name);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(
                statement("OnlyThePollerMayPutEvents", "Deny", "*", arn,
                        Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", pollerRole.getRoleArn()))),
                statement("ThePollerPutsStateChanges", "Allow", Map.of("AWS", pollerRole.getRoleArn()), arn, null)));
        ((CfnEventBus) bus.getNode().getDefaultChild()).setPolicy(policy);
        LogicalIds.pin(bus, TrackerStack.TRACKER_BUS);
        return bus;
    }

    private static Map<String, Object> statement(String sid, String effect, Object principal, String resource,
                                                 Map<String, Object> condition) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", sid);
        statement.put("Effect", effect);
        statement.put("Principal", principal);
        statement.put("Action", "events:PutEvents");
        statement.put("Resource", resource);
        if (condition != null) {
            statement.put("Condition", condition);
        }
        return statement;
    }

    /** One processor rule from its definition in EventRoutes (shared with the tests and template.yaml). */
    @SuppressWarnings("unchecked")
    Rule processorRule(EventRoutes.Route route, LambdaFunction target) {
        String ruleId = TrackerStack.PROCESSOR_FUNCTION + route.name();
        Map<String, Object> pattern = route.pattern();
        EventPattern.Builder eventPattern = EventPattern.builder().source((List<String>) pattern.get("source"));
        if (pattern.containsKey("detail-type")) {
            eventPattern.detailType((List<String>) pattern.get("detail-type"));
        }
        if (pattern.containsKey("detail")) {
            eventPattern.detail((Map<String, Object>) pattern.get("detail"));
        }
        if (route.thisAccountOnly()) {
            eventPattern.account(List.of(Aws.ACCOUNT_ID));
        }
        Rule rule = Rule.Builder.create(this, ruleId)
                .description(route.description())
                .eventBus(route.bus() == EventRoutes.Bus.TRACKER ? bus : null)
                .eventPattern(eventPattern.build())
                .targets(List.of(target))
                .build();
        LogicalIds.pin(rule, ruleId);
        if (route.transformer() != null) {
            Map<String, Object> transformer = new LinkedHashMap<>();
            if (!route.transformer().inputPathsMap().isEmpty()) {
                transformer.put("InputPathsMap", route.transformer().inputPathsMap());
            }
            transformer.put("InputTemplate", route.transformer().inputTemplate());
            ((CfnRule) rule.getNode().getDefaultChild()).addPropertyOverride("Targets.0.InputTransformer", transformer);
        }
        return rule;
    }

    /** Copies the tracker's state changes to the default bus, where other teams' rules already look for them. */
    Rule forwardToDefaultBus() {
        Role role = Role.Builder.create(this, TrackerStack.FORWARD_ROLE)
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("Lets the forwarding rule put the tracker's state changes on the default bus")
                .build();
        LogicalIds.pin(role, TrackerStack.FORWARD_ROLE);
        role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(List.of("events:PutEvents"))
                .resources(List.of(TrackerStack.defaultEventBusArn())).build());
        EventRoutes.Route route = EventRoutes.FORWARD_TO_DEFAULT_BUS;
        Rule rule = Rule.Builder.create(this, TrackerStack.FORWARD_RULE)
                .description(route.description())
                .eventBus(bus)
                .eventPattern(EventPattern.builder().source(List.of(EventContract.TRACKER_SOURCE)).build())
                .targets(List.of(new software.amazon.awscdk.services.events.targets.EventBus(
                        EventBus.fromEventBusArn(this, "DefaultEventBus", TrackerStack.defaultEventBusArn()),
                        software.amazon.awscdk.services.events.targets.EventBusProps.builder().role(role).build())))
                .build();
        LogicalIds.pin(rule, TrackerStack.FORWARD_RULE);
        return rule;
    }

}
