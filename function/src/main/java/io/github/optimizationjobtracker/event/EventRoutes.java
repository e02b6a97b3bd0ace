package io.github.optimizationjobtracker.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EventBridge rules that deliver events to the processor: on which bus, matching what, and passing what. The
 * CDK stack builds its rules from these, {@code template.yaml} is held equal to the stack by a test, and the local
 * run and the tests route events through the same definitions, so the three cannot drift apart.
 *
 * <p>The tracker's own bus admits the poller alone (its resource policy), so other teams can trust what they read
 * there; the processor trusts no route, only SageMaker and the poller's ledger of what it emitted. CloudTrail
 * records carry what callers sent, including environment variables with secrets, so their rules pass the function
 * only the fields it reads (an input transformer), never the request parameters as a whole.
 *
 * <p>An input transformer variable whose path is missing from an event does not resolve, and EventBridge then
 * delivers no valid input. So every variable a rule uses is guaranteed by its pattern ({@code exists}, which
 * works on leaf fields) or by CloudTrail's record format, and the rules are split so that together they match
 * every CloudTrail record of the three calls exactly once (a test checks both properties).
 */
public final class EventRoutes {

    public enum Bus { TRACKER, DEFAULT }

    /** A rule's input transformer, as CloudFormation writes it. */
    public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
    }

    /**
     * One rule. {@code name} is the suffix of its logical id (ProcessorFunction + name, as SAM names an event's
     * rule); {@code transformer} is null when the rule passes the event as it is.
     */
    public record Route(String name, String description, Bus bus, Map<String, Object> pattern,
                        InputTransformer transformer) {
        /**
         * A rule on the default bus matches this account's records only: the default bus's policy may admit other
         * accounts (an organization's event routing), and their jobs and rejected creates are not this account's.
         * The tracker bus admits the poller alone.
         */
        public boolean thisAccountOnly() {
            return bus == Bus.DEFAULT;
        }

        /** The pattern as deployed, where {@code account} is how the template names this account. */
        public Map<String, Object> patternIn(Object account) {
            if (!thisAccountOnly()) {
                return pattern;
            }
            Map<String, Object> deployed = new LinkedHashMap<>(pattern);
            deployed.put("account", List.of(account));
            return java.util.Collections.unmodifiableMap(deployed);
        }
    }

    /** Fields of every CloudTrail record (CloudTrail's record contents reference: not optional). */
    private static final List<String> RECORD_FIELDS = List.of("eventSource", "eventName", "eventTime", "awsRegion");
    private static final String JOB_NAME = "requestParameters.optimizationJobName";
    private static final String ERROR_CODE = "errorCode";
    private static final String ERROR_MESSAGE = "errorMessage";
    /** The facts of a create request a rejected create's alert shows (all required by CreateOptimizationJob). */
    private static final List<String> CREATE_FACTS = List.of("requestParameters.deploymentInstanceType",
            "requestParameters.roleArn", "requestParameters.outputConfig.s3OutputLocation");

    public static final Route STATE_CHANGE = new Route("StateChange",
            "Optimization job state changes the poller put on the tracker's own bus", Bus.TRACKER,
            pattern(EventContract.TRACKER_SOURCE, EventContract.STATE_CHANGE_DETAIL_TYPE, null),
            new InputTransformer(Map.of(), "{\"" + DeliveredEvent.ROUTE_FIELD + "\":\""
                    + JobEvent.Route.TRACKER_BUS.label() + "\",\"" + DeliveredEvent.EVENT_FIELD
                    + "\":<aws.events.event.json>}"));

    public static final Route NATIVE_STATE_CHANGE = new Route("NativeStateChange",
            "A native SageMaker optimization job state change, should AWS ever send one (a hint, checked with"
                    + " DescribeOptimizationJob)", Bus.DEFAULT,
            pattern(EventContract.SAGEMAKER_SOURCE, EventContract.STATE_CHANGE_DETAIL_TYPE, null), null);

    public static final Route CLOUDTRAIL_CALL = new Route("CloudTrailCall",
            "CloudTrail Create/Stop/DeleteOptimizationJob calls that succeeded (needs a trail in the account)",
            Bus.DEFAULT,
            cloudTrail(EventContract.CLOUDTRAIL_CALLS, exists(JOB_NAME, true), exists(ERROR_CODE, false)),
            cloudTrailSubset(concat(RECORD_FIELDS, List.of("userIdentity", JOB_NAME))));

    public static final Route CREATE_REJECTED = new Route("CreateRejected",
            "CloudTrail CreateOptimizationJob calls that failed, with the error and the request's facts",
            Bus.DEFAULT,
            cloudTrail(List.of(EventContract.CREATE_CALL), exists(JOB_NAME, true), exists(ERROR_CODE, true),
                    exists(ERROR_MESSAGE, true), exists(CREATE_FACTS.get(0), true), exists(CREATE_FACTS.get(1), true),
                    exists(CREATE_FACTS.get(2), true)),
            cloudTrailSubset(concat(RECORD_FIELDS, List.of("userIdentity", JOB_NAME, ERROR_CODE, ERROR_MESSAGE),
                    CREATE_FACTS)));

    public static final Route CLOUDTRAIL_FAILED_CALL = new Route("CloudTrailFailedCall",
            "CloudTrail Stop/DeleteOptimizationJob calls that failed, and failed creates whose record lacks a field"
                    + " the CreateRejected rule passes", Bus.DEFAULT,
            cloudTrail(EventContract.CLOUDTRAIL_CALLS, exists(JOB_NAME, true), exists(ERROR_CODE, true),
                    anyOf(List.of(
                            Map.of("eventName", List.of(EventContract.STOP_CALL, EventContract.DELETE_CALL)),
                            exists(ERROR_MESSAGE, false), exists(CREATE_FACTS.get(0), false),
                            exists(CREATE_FACTS.get(1), false), exists(CREATE_FACTS.get(2), false)))),
            cloudTrailSubset(concat(RECORD_FIELDS, List.of("userIdentity", JOB_NAME, ERROR_CODE))));

    public static final Route CLOUDTRAIL_CALL_UNNAMED = new Route("CloudTrailCallUnnamed",
            "CloudTrail records of the three calls without a job name (CloudTrail drops the request parameters of"
                    + " oversized records): rejected by the processor, so they end in its dead-letter queue",
            Bus.DEFAULT,
            cloudTrail(EventContract.CLOUDTRAIL_CALLS, exists(JOB_NAME, false)),
            cloudTrailSubset(RECORD_FIELDS));

    /** Every rule that targets the processor. */
    public static final List<Route> PROCESSOR_ROUTES = List.of(STATE_CHANGE, NATIVE_STATE_CHANGE, CLOUDTRAIL_CALL,
            CREATE_REJECTED, CLOUDTRAIL_FAILED_CALL, CLOUDTRAIL_CALL_UNNAMED);

    /** Copies the tracker bus's state changes to the default bus, where other teams' rules can match them. */
    public static final Route FORWARD_TO_DEFAULT_BUS = new Route("ForwardStateChanges",
            "Copies the tracker's state-change events to the default bus for other teams' rules", Bus.TRACKER,
            pattern(EventContract.TRACKER_SOURCE, null, null), null);

    private EventRoutes() {
    }

    private static Map<String, Object> pattern(String source, String detailType, Map<String, Object> detail) {
        Map<String, Object> pattern = new LinkedHashMap<>();
        pattern.put("source", List.of(source));
        if (detailType != null) {
            pattern.put("detail-type", List.of(detailType));
        }
        if (detail != null) {
            pattern.put("detail", detail);
        }
        return pattern;
    }

    @SafeVarargs
    private static Map<String, Object> cloudTrail(List<String> calls, Map<String, Object>... conditions) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventSource", List.of(EventContract.CLOUDTRAIL_EVENT_SOURCE));
        detail.put("eventName", calls);
        for (Map<String, Object> condition : conditions) {
            merge(detail, condition);
        }
        return pattern(EventContract.SAGEMAKER_SOURCE, EventContract.CLOUDTRAIL_DETAIL_TYPE, detail);
    }

    /** {@code {"a": {"b": [{"exists": true}]}}} for the detail path a.b. */
    private static Map<String, Object> exists(String detailPath, boolean exists) {
        String[] parts = detailPath.split("\\.");
        Object value = List.of(Map.of("exists", exists));
        for (int i = parts.length - 1; i >= 0; i--) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put(parts[i], value);
            value = level;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> pattern = (Map<String, Object>) value;
        return pattern;
    }

    private static Map<String, Object> anyOf(List<Map<String, Object>> alternatives) {
        return Map.of("$or", List.copyOf(alternatives));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> nested && value instanceof Map<?, ?> more) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) nested);
                merge(copy, (Map<String, Object>) more);
                into.put(key, copy);
            } else {
                into.put(key, value);
            }
        });
    }

    /**
     * Passes the envelope (without detail) and the named detail fields, in the detail's own structure: the
     * processor reads a delivered CloudTrail event exactly as it reads a raw one, minus what it was not given.
     */
    private static InputTransformer cloudTrailSubset(List<String> detailPaths) {
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String path : detailPaths) {
            String[] parts = path.split("\\.");
            String variable = parts[parts.length - 1];
            paths.put(variable, "$.detail." + path);
            Map<String, Object> level = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(parts[i],
                        k -> new LinkedHashMap<String, Object>());
                level = next;
            }
            level.put(variable, "<" + variable + ">");
        }
        String template = "{\"" + DeliveredEvent.ROUTE_FIELD + "\":\"" + JobEvent.Route.CLOUDTRAIL_RULE.label()
                + "\",\"" + DeliveredEvent.EVENT_FIELD + "\":<aws.events.event>,\"" + DeliveredEvent.DETAIL_FIELD
                + "\":" + template(tree) + "}";
        return new InputTransformer(java.util.Collections.unmodifiableMap(paths), template);
    }

    private static String template(Map<String, Object> tree) {
        List<String> members = new ArrayList<>();
        tree.forEach((key, value) -> members.add("\"" + key + "\":" + (value instanceof Map<?, ?> nested
                ? template(castMap(nested)) : value)));
        return "{" + String.join(",", members) + "}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
