package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.config.EnvironmentVariables.ALERT_STATUSES;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.ALERT_TOPIC_ARN;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.EVENT_BUS_NAME;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.HISTORY_RETENTION_DAYS;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.METRICS_NAMESPACE;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.POLL_BACKFILL_HOURS;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.POLL_OVERLAP_SECONDS;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.POLL_PAGE_SIZE;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.POWERTOOLS_LOG_LEVEL;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.POWERTOOLS_SERVICE_NAME;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.SERVICE_NAME;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.TABLE_NAME;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.optimizationjobtracker.event.EventContract;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The whole Optimization Job Tracker: poller (detects state changes), processor (persists and alerts), the
 * EventBridge wiring between them, the DynamoDB table, the alert topic and the operations side (alarms, dashboard).
 *
 * <p>Logical ids of the main resources are fixed ({@link #id}) to the names {@code template.yaml} uses, so the
 * two descriptions can be compared resource by resource and a refactoring of construct paths never replaces the
 * (retained) table.
 */
public final class TrackerStack extends Stack {

    public static final String PROCESSOR_HANDLER = "io.github.optimizationjobtracker.processor.ProcessorHandler::handleRequest";
    public static final String POLLER_HANDLER = "io.github.optimizationjobtracker.poller.PollerHandler::handleRequest";

    /** Logical ids, shared with template.yaml (SAM derives the alias, rule and invoke-config ids the same way). */
    public static final String PROCESSOR_FUNCTION = "ProcessorFunction";
    public static final String POLLER_FUNCTION = "PollerFunction";
    public static final String ALIAS_NAME = "live";
    public static final String TABLE = "JobsTable";
    public static final String ALERT_TOPIC = "AlertTopic";
    public static final String OPS_TOPIC = "OpsTopic";
    public static final String TOPIC_KEY = "TopicKey";
    public static final String EVENT_DLQ = "ProcessorEventDlq";
    public static final String FAILURE_QUEUE = "ProcessorFailureQueue";
    public static final String STATE_CHANGE_RULE = PROCESSOR_FUNCTION + "StateChange";
    public static final String CLOUDTRAIL_RULE = PROCESSOR_FUNCTION + "CloudTrailCall";
    public static final String POLLER_SCHEDULE = POLLER_FUNCTION + "Schedule";

    public static final int MEMORY_MB = 1024;
    public static final int PROCESSOR_TIMEOUT_SECONDS = 30;
    public static final int POLLER_TIMEOUT_SECONDS = 90;
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /** Lambda retries of a failed processor invocation before the event goes to the failure queue. */
    public static final int PROCESSOR_ASYNC_RETRIES = 2;
    public static final Duration PROCESSOR_MAX_EVENT_AGE = Duration.hours(6);
    /** EventBridge retries delivering to the processor (only fails if Lambda refuses the event) before its DLQ. */
    public static final int RULE_RETRIES = 20;
    public static final Duration RULE_MAX_EVENT_AGE = Duration.hours(6);
    public static final Duration DLQ_RETENTION = Duration.days(14);

    private final Function processor;
    private final Function poller;
    private final Table table;
    private final Topic alertTopic;
    private final Topic opsTopic;
    private final Queue eventDlq;
    private final Queue failureQueue;

    public TrackerStack(Construct scope, String id, StackProps props, TrackerSettings settings) {
        super(scope, id, props);

        Code code = Code.fromAsset(requireFunctionJar(settings.functionJar()).toString());

        // ---- data and messaging ------------------------------------------------------------------------
        table = Table.Builder.create(this, TABLE)
                .partitionKey(string(TableLayout.PARTITION_KEY))
                .sortKey(string(TableLayout.SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .encryption(TableEncryption.AWS_MANAGED)
                .timeToLiveAttribute(TableLayout.EXPIRES_AT)
                .build();
        table.addLocalSecondaryIndex(LocalSecondaryIndexProps.builder()
                .indexName(TableLayout.HISTORY_BY_TIME_INDEX)
                .sortKey(string(TableLayout.HISTORY_TIME))
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.JOBS_BY_STATUS_INDEX)
                .partitionKey(string(TableLayout.CURRENT_STATUS))
                .sortKey(string(TableLayout.LAST_MODIFIED_TIME))
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.JOBS_BY_CREATION_INDEX)
                .partitionKey(string(TableLayout.CREATION_YEAR))
                .sortKey(string(TableLayout.CREATION_TIME))
                .projectionType(ProjectionType.ALL)
                .build());
        id(table, TABLE);

        // One customer key for both topics: CloudWatch alarms can only publish to an encrypted topic whose key
        // policy lets cloudwatch.amazonaws.com use it, which the AWS-managed alias/aws/sns key does not.
        Key topicKey = Key.Builder.create(this, TOPIC_KEY)
                .description("Encrypts the Optimization Job Tracker alert and operations topics")
                .enableKeyRotation(true)
                .build();
        topicKey.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToPublishToEncryptedTopics")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        id(topicKey, TOPIC_KEY);

        alertTopic = Topic.Builder.create(this, ALERT_TOPIC)
                .displayName("SageMaker optimization job alerts")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        id(alertTopic, ALERT_TOPIC);
        settings.alertEmail().ifPresent(email -> alertTopic.addSubscription(new EmailSubscription(email)));

        opsTopic = Topic.Builder.create(this, OPS_TOPIC)
                .displayName("Optimization Job Tracker operations alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        id(opsTopic, OPS_TOPIC);
        settings.opsEmail().ifPresent(email -> opsTopic.addSubscription(new EmailSubscription(email)));

        eventDlq = deadLetterQueue(EVENT_DLQ,
                "EventBridge could not deliver the event to the processor (the rules' target dead-letter queue)");
        failureQueue = deadLetterQueue(FAILURE_QUEUE,
                "the processor failed on the event after every Lambda retry (its on-failure destination)");

        // ---- processor -------------------------------------------------------------------------------
        LogGroup processorLogs = logGroup("ProcessorLogGroup", settings);
        Role processorRole = lambdaRole(PROCESSOR_FUNCTION + "Role", "Processor: describe jobs, persist, alert");
        processorRole.addToPolicy(allow(List.of("sagemaker:DescribeOptimizationJob"), List.of(optimizationJobArns())));
        processorRole.addToPolicy(allow(
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                List.of(table.getTableArn())));
        processorRole.addToPolicy(allow(List.of("sns:Publish"), List.of(alertTopic.getTopicArn())));
        processorRole.addToPolicy(allow(List.of("kms:Decrypt", "kms:GenerateDataKey*"), List.of(topicKey.getKeyArn())));
        processorRole.addToPolicy(logWrite(processorLogs));

        Map<String, String> processorEnv = new LinkedHashMap<>(powertoolsEnvironment());
        processorEnv.put(TABLE_NAME, table.getTableName());
        processorEnv.put(ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        processorEnv.put(ALERT_STATUSES, settings.alertStatuses());
        processorEnv.put(HISTORY_RETENTION_DAYS, Integer.toString(settings.historyRetentionDays()));

        processor = Function.Builder.create(this, PROCESSOR_FUNCTION)
                .description("Optimization Job Tracker processor: event -> DescribeOptimizationJob -> DynamoDB -> SNS alert")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(PROCESSOR_HANDLER)
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(PROCESSOR_TIMEOUT_SECONDS))
                .role(processorRole)
                .logGroup(processorLogs)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(processorEnv)
                .build();
        id(processor, PROCESSOR_FUNCTION);
        acknowledgeAndSuppressRuntime(processor);
        Alias processorAlias = liveAlias(processor);
        processorAlias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(PROCESSOR_ASYNC_RETRIES)
                .maxEventAge(PROCESSOR_MAX_EVENT_AGE)
                .onFailure(new SqsDestination(failureQueue))
                .build());
        id(processorAlias.getNode().findChild("EventInvokeConfig"), PROCESSOR_FUNCTION + "EventInvokeConfig");

        LambdaFunction processorTarget = new LambdaFunction(processorAlias, LambdaFunctionProps.builder()
                .deadLetterQueue(eventDlq)
                .retryAttempts(RULE_RETRIES)
                .maxEventAge(RULE_MAX_EVENT_AGE)
                .build());
        Rule stateChangeRule = Rule.Builder.create(this, STATE_CHANGE_RULE)
                .description("Optimization job state changes: the poller's, and any native SageMaker ones")
                .eventPattern(stateChangePattern())
                .targets(List.of(processorTarget))
                .build();
        id(stateChangeRule, STATE_CHANGE_RULE);
        Rule cloudTrailRule = Rule.Builder.create(this, CLOUDTRAIL_RULE)
                .description("CloudTrail Create/Stop/DeleteOptimizationJob calls (needs a trail in the account)")
                .eventPattern(cloudTrailPattern())
                .targets(List.of(processorTarget))
                .build();
        id(cloudTrailRule, CLOUDTRAIL_RULE);

        // ---- poller ----------------------------------------------------------------------------------
        LogGroup pollerLogs = logGroup("PollerLogGroup", settings);
        Role pollerRole = lambdaRole(POLLER_FUNCTION + "Role", "Poller: list jobs, checkpoint, emit state-change events");
        pollerRole.addToPolicy(allow(List.of("sagemaker:ListOptimizationJobs"), List.of("*")));
        pollerRole.addToPolicy(allow(
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchGetItem"),
                List.of(table.getTableArn())));
        pollerRole.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("events:PutEvents"))
                .resources(List.of(defaultEventBusArn()))
                .conditions(Map.of("StringEquals", Map.of("events:source", EventContract.TRACKER_SOURCE)))
                .build());
        pollerRole.addToPolicy(logWrite(pollerLogs));

        Map<String, String> pollerEnv = new LinkedHashMap<>(powertoolsEnvironment());
        pollerEnv.put(TABLE_NAME, table.getTableName());
        pollerEnv.put(EVENT_BUS_NAME, "default");
        pollerEnv.put(POLL_OVERLAP_SECONDS, "300");
        pollerEnv.put(POLL_BACKFILL_HOURS, "24");
        pollerEnv.put(POLL_PAGE_SIZE, "100");

        poller = Function.Builder.create(this, POLLER_FUNCTION)
                .description("Optimization Job Tracker poller: ListOptimizationJobs -> state-change events on the default bus")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(POLLER_HANDLER)
                .memorySize(MEMORY_MB)
                .timeout(Duration.seconds(POLLER_TIMEOUT_SECONDS))
                .reservedConcurrentExecutions(1) // never two polls at once: they would race on the checkpoint
                .role(pollerRole)
                .logGroup(pollerLogs)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(pollerEnv)
                .build();
        id(poller, POLLER_FUNCTION);
        acknowledgeAndSuppressRuntime(poller);
        Alias pollerAlias = liveAlias(poller);
        // A missed or throttled tick is harmless (the next one re-reads from the checkpoint): no retries, no queue.
        pollerAlias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(0)
                .maxEventAge(Duration.minutes(1))
                .build());
        id(pollerAlias.getNode().findChild("EventInvokeConfig"), POLLER_FUNCTION + "EventInvokeConfig");

        Rule schedule = Rule.Builder.create(this, POLLER_SCHEDULE)
                .description("Runs the optimization job poller")
                .schedule(Schedule.rate(Duration.minutes(settings.pollIntervalMinutes())))
                .targets(List.of(new LambdaFunction(pollerAlias, LambdaFunctionProps.builder()
                        .retryAttempts(0)
                        .maxEventAge(Duration.minutes(1))
                        .build())))
                .build();
        id(schedule, POLLER_SCHEDULE);

        // ---- operations ------------------------------------------------------------------------------
        List<Alarm> alarms = alarms(settings);
        dashboard(alarms);

        output("TableName", table.getTableName(), "DynamoDB table with job records and history");
        output("AlertTopicArn", alertTopic.getTopicArn(), "SNS topic that receives failure alerts");
        output("OpsTopicArn", opsTopic.getTopicArn(), "SNS topic that receives the stack's CloudWatch alarms");
        output("ProcessorFunctionName", processor.getFunctionName(), "Processor Lambda function");
        output("PollerFunctionName", poller.getFunctionName(), "Poller Lambda function");
        output("ProcessorEventDlqUrl", eventDlq.getQueueUrl(), "Events EventBridge could not deliver to the processor");
        output("ProcessorFailureQueueUrl", failureQueue.getQueueUrl(), "Events the processor failed on after retries");

        suppressNagFindings(processorRole, pollerRole);
    }

    // ---- event patterns (also the contract template.yaml is checked against) ------------------------------

    static EventPattern stateChangePattern() {
        return EventPattern.builder()
                .source(List.of(EventContract.TRACKER_SOURCE, EventContract.SAGEMAKER_SOURCE))
                .detailType(List.of(EventContract.STATE_CHANGE_DETAIL_TYPE))
                .build();
    }

    static EventPattern cloudTrailPattern() {
        return EventPattern.builder()
                .source(List.of(EventContract.SAGEMAKER_SOURCE))
                .detailType(List.of(EventContract.CLOUDTRAIL_DETAIL_TYPE))
                .detail(Map.of(
                        "eventSource", List.of(EventContract.CLOUDTRAIL_EVENT_SOURCE),
                        "eventName", EventContract.CLOUDTRAIL_CALLS))
                .build();
    }

    // ---- building blocks ----------------------------------------------------------------------------------

    private static Path requireFunctionJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalStateException("Lambda package not found at " + absolute
                    + ". Build it first (from the repository root: mvn -DskipTests package),"
                    + " or pass its path with -c functionJar=<path>.");
        }
        return absolute;
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private static Map<String, String> powertoolsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(POWERTOOLS_SERVICE_NAME, SERVICE_NAME);
        env.put(POWERTOOLS_METRICS_NAMESPACE, METRICS_NAMESPACE);
        env.put(POWERTOOLS_LOG_LEVEL, "INFO");
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        return env;
    }

    private Queue deadLetterQueue(String name, String purpose) {
        Queue queue = Queue.Builder.create(this, name)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
        id(queue, name);
        NagSuppressions.addResourceSuppressions(queue, List.of(suppression("AwsSolutions-SQS3",
                "This queue is itself a dead-letter queue: " + purpose + ". A DLQ of a DLQ would only move the problem;"
                        + " its depth is alarmed instead.")));
        return queue;
    }

    private LogGroup logGroup(String name, TrackerSettings settings) {
        LogGroup logGroup = LogGroup.Builder.create(this, name)
                .retention(settings.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        id(logGroup, name);
        return logGroup;
    }

    private Role lambdaRole(String name, String description) {
        Role role = Role.Builder.create(this, name)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        id(role, name);
        return role;
    }

    private Alias liveAlias(Function function) {
        String name = function.getNode().getId() + "Alias" + ALIAS_NAME;
        Alias alias = Alias.Builder.create(this, name)
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        id(alias, name);
        return alias;
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    private static PolicyStatement logWrite(LogGroup logGroup) {
        // The log group's Arn attribute already ends in ":*" (all its streams).
        return allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logGroup.getLogGroupArn()));
    }

    static String optimizationJobArns() {
        return Fn.sub("arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:optimization-job/*");
    }

    static String defaultEventBusArn() {
        return Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default");
    }

    private List<Alarm> alarms(TrackerSettings settings) {
        List<Alarm> alarms = new ArrayList<>();
        Duration fiveMinutes = Duration.minutes(5);
        MetricOptions sum5 = MetricOptions.builder().statistic("Sum").period(fiveMinutes).build();
        MetricOptions max5 = MetricOptions.builder().statistic("Maximum").period(fiveMinutes).build();

        alarms.add(alarm("ProcessorErrorsAlarm", processor.metricErrors(sum5), 1, 1,
                "The processor failed on at least one event in 5 minutes; Lambda retries it, then parks it in the"
                        + " failure queue. Check the processor's log group."));
        alarms.add(alarm("PollerErrorsAlarm", poller.metricErrors(sum5), 3, 3,
                "The poller failed at least 3 times in each of three consecutive 5-minute windows: job changes are"
                        + " not being detected. Check the poller's log group (SageMaker permissions, throttling, table"
                        + " access). The heartbeat alarm fires too if no run completes."));
        alarms.add(alarm("ProcessorThrottlesAlarm", processor.metricThrottles(sum5), 1, 1,
                "Processor invocations were throttled (account concurrency exhausted); Lambda keeps retrying them"
                        + " for up to the maximum event age."));
        alarms.add(alarm("PollerThrottlesAlarm", poller.metricThrottles(sum5), 3, 2,
                "Poller invocations were throttled at least 3 times in each of two consecutive 5-minute windows:"
                        + " runs take longer than the schedule interval (reserved concurrency is 1 by design, so an"
                        + " overlapping tick is refused). A single overlapped tick is harmless."));
        alarms.add(alarm("EventDlqNotEmptyAlarm", eventDlq.metricApproximateNumberOfMessagesVisible(max5), 1, 1,
                "EventBridge could not deliver events to the processor; they are in the event DLQ. Fix the cause,"
                        + " then redrive the queue (see README)."));
        alarms.add(alarm("FailureQueueNotEmptyAlarm", failureQueue.metricApproximateNumberOfMessagesVisible(max5), 1, 1,
                "The processor gave up on events after its retries; they are in the failure queue. Fix the cause,"
                        + " then replay them (see README)."));

        int heartbeatMinutes = Math.max(5, settings.pollIntervalMinutes() * 2);
        Metric heartbeat = Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(MetricNames.POLLER_HEARTBEAT)
                .dimensionsMap(Map.of(MetricNames.SERVICE_DIMENSION, MetricNames.SERVICE))
                .statistic("Sum")
                .period(Duration.minutes(heartbeatMinutes))
                .build();
        Alarm stale = heartbeat.createAlarm(this, "PollerHeartbeatMissingAlarm", CreateAlarmOptions.builder()
                .alarmDescription("No poller heartbeat for " + (2 * heartbeatMinutes) + " minutes: the poller is not"
                        + " completing runs (schedule disabled, function failing or timing out), so failures are not"
                        + " detected.")
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(2)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
        alarms.add(stale);

        SnsAction notify = new SnsAction(opsTopic);
        alarms.forEach(a -> {
            a.addAlarmAction(notify);
            a.addOkAction(notify);
        });
        return alarms;
    }

    private Alarm alarm(String name, Metric metric, int threshold, int evaluationPeriods, String description) {
        return metric.createAlarm(this, name, CreateAlarmOptions.builder()
                .alarmDescription(description)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(evaluationPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    private void dashboard(List<Alarm> alarms) {
        Duration period = Duration.minutes(5);
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .defaultInterval(Duration.days(1))
                .build();
        id(dashboard, "Dashboard");
        List<IWidget> row1 = List.of(
                TextWidget.Builder.create()
                        .markdown("# Optimization Job Tracker\nPoller detects optimization job changes; processor stores"
                                + " them and alerts on failures. Alarms go to the operations topic.")
                        .width(24).height(2).build());
        // Per status from the processor's one INFO line per event (it carries `status`), not from a metric: a
        // Status dimension would cost a second metrics document per event and a custom metric per status.
        LogQueryWidget byStatus = LogQueryWidget.Builder.create()
                .title("Events processed by status (Logs Insights)")
                .logGroupNames(List.of(processor.getLogGroup().getLogGroupName()))
                .queryLines(List.of(
                        "filter level = \"INFO\" and message like /^" + MetricNames.RECORDED_LOG_PREFIX + "/",
                        "stats count(*) as events by status, bin(5m)"))
                .view(LogQueryVisualizationType.STACKEDAREA)
                .width(12).build();
        GraphWidget alerts = GraphWidget.Builder.create()
                .title("Events, alerts, rejections, duplicates")
                .left(List.of(
                        custom(MetricNames.EVENTS_PROCESSED, "Sum"),
                        custom(MetricNames.ALERTS_PUBLISHED, "Sum"),
                        custom(MetricNames.EVENTS_REJECTED, "Sum"),
                        custom(MetricNames.DUPLICATES_SKIPPED, "Sum"),
                        custom(MetricNames.STALE_EVENTS_SKIPPED, "Sum")))
                .width(12).build();
        GraphWidget poll = GraphWidget.Builder.create()
                .title("Poller: lag (s) and throughput")
                .left(List.of(custom(MetricNames.POLL_LAG_SECONDS, "Maximum")))
                .right(List.of(
                        custom(MetricNames.JOBS_SEEN, "Sum"),
                        custom(MetricNames.EVENTS_EMITTED, "Sum"),
                        custom(MetricNames.PAGES_READ, "Sum"),
                        custom(MetricNames.POLLER_HEARTBEAT, "Sum")))
                .width(12).build();
        MetricOptions sum = MetricOptions.builder().statistic("Sum").period(period).build();
        GraphWidget errors = GraphWidget.Builder.create()
                .title("Function errors and throttles")
                .left(List.of(
                        processor.metricErrors(opts(sum, "Processor errors")),
                        poller.metricErrors(opts(sum, "Poller errors")),
                        processor.metricThrottles(opts(sum, "Processor throttles")),
                        poller.metricThrottles(opts(sum, "Poller throttles"))))
                .width(12).build();
        MetricOptions p99 = MetricOptions.builder().statistic("p99").period(period).build();
        GraphWidget durations = GraphWidget.Builder.create()
                .title("Duration p99 (ms)")
                .left(List.of(
                        processor.metricDuration(opts(p99, "Processor")),
                        poller.metricDuration(opts(p99, "Poller"))))
                .width(12).build();
        MetricOptions max = MetricOptions.builder().statistic("Maximum").period(period).build();
        GraphWidget queues = GraphWidget.Builder.create()
                .title("Dead-letter queues (messages visible)")
                .left(List.of(
                        eventDlq.metricApproximateNumberOfMessagesVisible(opts(max, "Event DLQ")),
                        failureQueue.metricApproximateNumberOfMessagesVisible(
                                opts(max, "Failure queue"))))
                .width(12).build();
        AlarmStatusWidget status = AlarmStatusWidget.Builder.create()
                .title("Alarms")
                .alarms(new ArrayList<>(alarms))
                .width(24).build();
        dashboard.addWidgets(row1.toArray(IWidget[]::new));
        dashboard.addWidgets(byStatus, alerts);
        dashboard.addWidgets(poll, errors);
        dashboard.addWidgets(durations, queues);
        dashboard.addWidgets(status);
        output("DashboardName", dashboard.getDashboardName(), "CloudWatch dashboard");
    }

    private static MetricOptions opts(MetricOptions base, String label) {
        return MetricOptions.builder().statistic(base.getStatistic()).period(base.getPeriod()).label(label).build();
    }

    private static Metric custom(String name, String statistic) {
        return Metric.Builder.create()
                .namespace(MetricNames.NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(MetricNames.SERVICE_DIMENSION, MetricNames.SERVICE))
                .statistic(statistic)
                .period(Duration.minutes(5))
                .label(name)
                .build();
    }

    private void output(String name, String value, String description) {
        CfnOutput.Builder.create(this, name).value(value).description(description).build();
    }

    // ---- cdk-nag ------------------------------------------------------------------------------------------

    private void suppressNagFindings(Role processorRole, Role pollerRole) {
        NagSuppressions.addResourceSuppressions(processorRole, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("DescribeOptimizationJob is scoped to this account and region's optimization-job ARNs; the"
                        + " job names are not known in advance (any team may create jobs), so the name part is *.")
                .appliesTo(List.of(
                        "Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:optimization-job/*"))
                .build(), NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("kms:GenerateDataKey* is the documented action family SNS needs to publish to a topic"
                        + " encrypted with a customer key; it is scoped to that one key.")
                .appliesTo(List.of("Action::kms:GenerateDataKey*"))
                .build()), true);
        NagSuppressions.addResourceSuppressions(pollerRole, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("sagemaker:ListOptimizationJobs does not support resource-level permissions (the service"
                        + " authorization reference lists no resource type for it), so its resource must be *.")
                .appliesTo(List.of("Resource::*"))
                .build()), true);
    }

    private static NagPackSuppression suppression(String rule, String reason) {
        return NagPackSuppression.builder().id(rule).reason(reason).build();
    }

    private static void acknowledgeAndSuppressRuntime(Function function) {
        // Function adds this warning whenever SnapStart is on; we do publish: currentVersion behind the live alias.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Versions are published (currentVersion) and invoked only through the live alias");
        NagSuppressions.addResourceSuppressions(function, List.of(suppression("AwsSolutions-L1",
                "java21 is the project's chosen LTS runtime: the function module compiles for release 21 and"
                        + " template.yaml, the local run and the SnapStart priming are built and tested on it. Moving"
                        + " to a newer Java runtime is a deliberate upgrade of all of them together.")));
    }

    /** Fixes the logical id of a construct's CloudFormation resource (see the class comment). */
    private static void id(IConstruct construct, String logicalId) {
        ((CfnResource) construct.getNode().getDefaultChild()).overrideLogicalId(logicalId);
    }

    public Function processor() {
        return processor;
    }

    public Function poller() {
        return poller;
    }

    public Table table() {
        return table;
    }

    public Topic alertTopic() {
        return alertTopic;
    }
}
