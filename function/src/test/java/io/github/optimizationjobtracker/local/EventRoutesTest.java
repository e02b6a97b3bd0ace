package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.event.DeliveredEvent;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.EventRoutes;
import io.github.optimizationjobtracker.event.EventRoutes.Bus;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stack's rules (EventRoutes) as EventBridge evaluates them: every CloudTrail record of the three calls, in
 * every shape CloudTrail can give it, reaches the processor through exactly one rule, every variable of that rule's
 * transformer resolves, and what it delivers carries no request parameter the function does not read.
 */
class EventRoutesTest {
    private static final List<String> CALLS = List.of("CreateOptimizationJob", "StopOptimizationJob",
            "DeleteOptimizationJob");
    /** Fields of a CloudTrail record that may be absent, one bit each. */
    private static final List<String> OPTIONAL = List.of("errorCode", "errorMessage",
            "requestParameters.deploymentInstanceType", "requestParameters.roleArn",
            "requestParameters.outputConfig.s3OutputLocation", "requestParameters.optimizationJobName");
    private final EventParser parser = new EventParser(Clock.systemUTC());

    @Test
    void everyCloudTrailRecordShapeIsDeliveredByExactlyOneRuleWithEveryVariableResolved() {
        int shapes = 0;
        Map<String, Integer> byRoute = new LinkedHashMap<>();
        for (String call : CALLS) {
            for (int present = 0; present < (1 << OPTIONAL.size()); present++) {
                ObjectNode event = cloudTrailRecord(call, present);
                List<EventBridgeRules.Delivery> deliveries = EventBridgeRules.route(Bus.DEFAULT, Json.write(event));
                assertThat(deliveries).as("rules matching %s with fields %s", call, presentFields(present))
                        .hasSize(1);
                EventBridgeRules.Delivery delivery = deliveries.get(0);
                byRoute.merge(delivery.route().name(), 1, Integer::sum);
                assertThat(delivery.text()).as("delivered input").doesNotContain("Environment", "hf_",
                        "optimizationConfigs", "modelSource", "vpcConfig", "tags", "sourceIPAddress");
                assertParsesAsTheRawRecordWould(event, delivery, present);
                shapes++;
            }
        }
        assertThat(shapes).isEqualTo(3 * 64);
        assertThat(byRoute.keySet()).containsExactlyInAnyOrder("CloudTrailCall", "CreateRejected",
                "CloudTrailFailedCall", "CloudTrailCallUnnamed");
        System.out.printf("%nCLOUDTRAIL RECORD SHAPES: %d, each delivered by exactly one rule: %s%n%n", shapes, byRoute);
    }

    private void assertParsesAsTheRawRecordWould(ObjectNode raw, EventBridgeRules.Delivery delivery, int present) {
        DeliveredEvent delivered = DeliveredEvent.read(delivery.input());
        assertThat(delivered.route()).isEqualTo(JobEvent.Route.CLOUDTRAIL_RULE);
        if (!has(present, "requestParameters.optimizationJobName")) {
            assertThatThrownBy(() -> parser.parse(delivered)).isInstanceOf(RejectedEventException.class)
                    .hasMessageContaining("has no detail.requestParameters.optimizationJobName");
            return;
        }
        JobEvent fromRule = parser.parse(delivered);
        JobEvent fromRaw = parser.parse(DeliveredEvent.read(Json.write(raw).getBytes(StandardCharsets.UTF_8)));
        assertThat(fromRule.jobName()).isEqualTo(fromRaw.jobName());
        assertThat(fromRule.kind()).isEqualTo(fromRaw.kind());
        assertThat(fromRule.eventTime()).isEqualTo(fromRaw.eventTime());
        assertThat(fromRule.jobArn()).isEqualTo(fromRaw.jobArn());
        assertThat(fromRule.initiator()).isEqualTo(fromRaw.initiator());
        assertThat(fromRule.callError() == null).isEqualTo(fromRaw.callError() == null);
        if (fromRaw.isFailedCreate()) {
            assertThat(fromRule.callError().code()).isEqualTo(fromRaw.callError().code());
            if (delivery.route() == EventRoutes.CREATE_REJECTED) {
                assertThat(fromRule.callError()).isEqualTo(fromRaw.callError());
                assertThat(fromRule.call().request().instanceType()).isEqualTo(fromRaw.call().request().instanceType());
                assertThat(fromRule.call().request().outputLocation())
                        .isEqualTo(fromRaw.call().request().outputLocation());
            }
        }
    }

    @Test
    void stateChangesReachTheProcessorOnlyFromTheTrackerBus() {
        String event = new String(TestEvents.sample("state-change-failed"), StandardCharsets.UTF_8);

        List<EventBridgeRules.Delivery> fromTrackerBus = EventBridgeRules.route(Bus.TRACKER, event);
        assertThat(fromTrackerBus).extracting(d -> d.route().name()).containsExactly("StateChange");
        assertThat(DeliveredEvent.read(fromTrackerBus.get(0).input()).route()).isEqualTo(JobEvent.Route.TRACKER_BUS);
        assertThat(EventBridgeRules.route(Bus.DEFAULT, event)).as("the same event put on the default bus").isEmpty();
    }

    @Test
    void aNativeSageMakerStateChangeIsDeliveredAsItIsAndCountsAsAHint() {
        String event = new String(TestEvents.sample("state-change-failed"), StandardCharsets.UTF_8)
                .replace("\"optimization-job-tracker\"", "\"aws.sagemaker\"");

        List<EventBridgeRules.Delivery> deliveries = EventBridgeRules.route(Bus.DEFAULT, event);
        assertThat(deliveries).extracting(d -> d.route().name()).containsExactly("NativeStateChange");
        JobEvent parsed = parser.parse(DeliveredEvent.read(deliveries.get(0).input()));
        assertThat(parsed.route()).isEqualTo(JobEvent.Route.DIRECT);
        assertThat(EventBridgeRules.route(Bus.TRACKER, event)).isEmpty();
    }

    @Test
    void anotherAccountsRecordsOnTheDefaultBusReachNoProcessorRule() {
        // An organization may route its accounts' events to this default bus; their creates are not this account's.
        for (String sample : List.of("cloudtrail-create", "cloudtrail-create-failed", "cloudtrail-stop",
                "cloudtrail-delete")) {
            String event = new String(TestEvents.sample(sample), StandardCharsets.UTF_8);
            assertThat(EventBridgeRules.route(Bus.DEFAULT, event)).as(sample + " from this account").hasSize(1);
            String foreign = event.replace("\"account\": \"" + EventBridgeRules.THIS_ACCOUNT + "\"",
                    "\"account\": \"210987654321\"");
            assertThat(foreign).as("the sample names its account").isNotEqualTo(event);
            assertThat(EventBridgeRules.route(Bus.DEFAULT, foreign)).as(sample + " from another account").isEmpty();
        }
        String nativeChange = new String(TestEvents.sample("state-change-failed"), StandardCharsets.UTF_8)
                .replace("\"optimization-job-tracker\"", "\"aws.sagemaker\"")
                .replace("\"account\": \"" + EventBridgeRules.THIS_ACCOUNT + "\"", "\"account\": \"210987654321\"");
        assertThat(EventBridgeRules.route(Bus.DEFAULT, nativeChange)).isEmpty();
    }

    @Test
    void everySampleEventIsDeliveredAsDeployed() {
        Map<String, String> expected = Map.of(
                "state-change-failed", "StateChange", "cloudtrail-create", "CloudTrailCall",
                "cloudtrail-create-failed", "CreateRejected", "cloudtrail-stop", "CloudTrailCall",
                "cloudtrail-delete", "CloudTrailCall", "invalid/wrong-source", "(none)",
                "invalid/cloudtrail-other-call", "(none)");
        expected.forEach((sample, route) -> {
            String event = new String(TestEvents.sample(sample), StandardCharsets.UTF_8);
            List<EventBridgeRules.Delivery> deliveries = EventBridgeRules.route(EventBridgeRules.busOf(event), event);
            assertThat(deliveries.isEmpty() ? "(none)" : deliveries.get(0).route().name()).as(sample).isEqualTo(route);
        });
    }

    /** A CloudTrail record of the call with the optional fields whose bits are set in {@code present}. */
    private static ObjectNode cloudTrailRecord(String call, int present) {
        ObjectNode event = (ObjectNode) Json.parse(TestEvents.sample("cloudtrail-create-failed"));
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventName", call);
        ObjectNode request = (ObjectNode) detail.get("requestParameters");
        request.putObject("optimizationEnvironment").put("HF_TOKEN", "hf_AbCdEf0123456789secretvalue");
        for (int bit = 0; bit < OPTIONAL.size(); bit++) {
            if ((present & (1 << bit)) == 0) {
                remove(detail, OPTIONAL.get(bit));
            }
        }
        return event;
    }

    private static void remove(ObjectNode node, String path) {
        String[] parts = path.split("\\.");
        JsonNode parent = node;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.get(parts[i]);
        }
        ((ObjectNode) parent).remove(parts[parts.length - 1]);
    }

    private static boolean has(int present, String field) {
        return (present & (1 << OPTIONAL.indexOf(field))) != 0;
    }

    private static List<String> presentFields(int present) {
        List<String> fields = new ArrayList<>();
        for (int bit = 0; bit < OPTIONAL.size(); bit++) {
            if ((present & (1 << bit)) != 0) {
                fields.add(OPTIONAL.get(bit));
            }
        }
        return fields;
    }
}
