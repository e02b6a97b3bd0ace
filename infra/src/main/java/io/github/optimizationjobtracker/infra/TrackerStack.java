package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.config.EnvironmentVariables.ALERT_STATUSES;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.ALERT_TOPIC_ARN;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.CHAT_TOPIC_ARN;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.CREATE_REJECTION_ALERT_CODES;
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
import static io.github.optimizationjobtracker.config.EnvironmentVariables.STORM_THRESHOLD;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.STORM_WINDOW_MINUTES;
import static io.github.optimizationjobtracker.config.EnvironmentVariables.TABLE_NAME;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.optimizationjobtracker.event.EventContract;
import io.github.optimizationjobtracker.event.EventRoutes;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The whole Optimization Job Tracker: poller (detects state changes), processor (persists and alerts), the
 * EventBridge wiring between them, the DynamoDB table, the alert topic and the operations side (alarms, dashboard).
 *
 * <p>Logical ids of the main resources are fixed ({@link LogicalIds#pin}) to the names {@code template.yaml} uses, so the
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
    public static final String CHAT_TOPIC = "ChatTopic";
    public static final String FAILURE_QUEUE = "ProcessorFailureQueue";
    public static final String STATE_CHANGE_RULE = PROCESSOR_FUNCTION + EventRoutes.STATE_CHANGE.name();
    public static final String CLOUDTRAIL_RULE = PROCESSOR_FUNCTION + EventRoutes.CLOUDTRAIL_CALL.name();
    public static final String POLLER_SCHEDULE = POLLER_FUNCTION + "Schedule";
    public static final String TRACKER_BUS = "TrackerEventBus";
    public static final String FORWARD_RULE = EventRoutes.FORWARD_TO_DEFAULT_BUS.name() + "Rule";
    public static final String FORWARD_ROLE = EventRoutes.FORWARD_TO_DEFAULT_BUS.name() + "Role";
    /** A dead-letter queue keeps messages this long; its oldest message alarms well before they expire. */
    public static final Duration DLQ_AGE_ALARM = Duration.days(10);
    /** Every data-plane action that writes an item. */
    public static final List<String> TABLE_WRITE_ACTIONS = List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
            "dynamodb:PartiQLDelete");

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
    /** Alerts in Amazon Q Developer's chat format; null unless the {@code chatTopic} context asks for it. */
    private final Topic chatTopic;
    private final Topic opsTopic;
    private final Queue eventDlq;
    private final Queue failureQueue;
    private final Key topicKey;
    private final EventBus trackerBus;
    private final List<Rule> processorRules = new ArrayList<>();
    private final Rule forwardRule;

    public TrackerStack(Construct scope, String id, StackProps props, TrackerSettings settings) {
        super(scope, id, props);

        Code code = Code.fromAsset(requireFunctionJar(settings.functionJar()).toString());

        // The functions' roles come first: the policies of the table, the bus and the alert topic name them.
        Role processorRole = lambdaRole(PROCESSOR_FUNCTION + "Role", "Processor: describe jobs, persist, alert");
        Role pollerRole = lambdaRole(POLLER_FUNCTION + "Role", "Poller: list jobs, checkpoint, emit state-change events");

        // ---- data and messaging ------------------------------------------------------------------------
        table = JobsTable.create(this, processorRole, pollerRole);

        // One customer key for the topics and the dead-letter queues. AWS services that write to them do so with
        // their own principals, which AWS-managed keys cannot admit; each is admitted for this account only.
        topicKey = Key.Builder.create(this, TOPIC_KEY)
                .description("Encrypts the Optimization Job Tracker topics and dead-letter queues")
                .enableKeyRotation(true)
                .build();
        topicKey.addToResourcePolicy(serviceMayUseKey("AllowCloudWatchAlarmsToPublishToEncryptedTopics",
                "cloudwatch.amazonaws.com", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"));
        topicKey.addToResourcePolicy(serviceMayUseKey("AllowEventBridgeRulesToDeadLetterEncryptedEvents",
                "events.amazonaws.com", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/*"));
        LogicalIds.pin(topicKey, TOPIC_KEY);

        alertTopic = Topic.Builder.create(this, ALERT_TOPIC)
                .displayName("SageMaker optimization job alerts")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        LogicalIds.pin(alertTopic, ALERT_TOPIC);
        onlyTheProcessorPublishes(alertTopic, processorRole);
        settings.alertEmail().ifPresent(email -> alertTopic.addSubscription(new EmailSubscription(email)));
        chatTopic = settings.chatTopic() ? chatTopic(processorRole) : null;

        opsTopic = Topic.Builder.create(this, OPS_TOPIC)
                .displayName("Optimization Job Tracker operations alarms")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        LogicalIds.pin(opsTopic, OPS_TOPIC);
        // A topic policy replaces SNS's default one; without this, every alarm would fire into the void.
        opsTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowThisAccountsCloudWatchAlarmsToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(opsTopic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn",
                                Fn.sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"))))
                .build());
        settings.opsEmail().ifPresent(email -> opsTopic.addSubscription(new EmailSubscription(email)));

        eventDlq = deadLetterQueue(EVENT_DLQ,
                "EventBridge could not deliver the event to the processor (the rules' target dead-letter queue)");
        failureQueue = deadLetterQueue(FAILURE_QUEUE,
                "the processor failed on the event after every Lambda retry (its on-failure destination)");

        EventRouting routing = new EventRouting(this, pollerRole);
        trackerBus = routing.bus();

        // ---- processor -------------------------------------------------------------------------------
        processorRole.addToPolicy(allow(List.of("sagemaker:DescribeOptimizationJob"), List.of(optimizationJobArns())));
        processorRole.addToPolicy(allow(
                List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                List.of(table.getTableArn())));
        processorRole.addToPolicy(allow(List.of("sns:Publish"), chatTopic == null ? List.of(alertTopic.getTopicArn())
                : List.of(alertTopic.getTopicArn(), chatTopic.getTopicArn())));
        processorRole.addToPolicy(allow(List.of("sqs:SendMessage"), List.of(failureQueue.getQueueArn())));
        processorRole.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(topicKey.getKeyArn()))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", List.of(
                        Fn.sub("sns.${AWS::Region}.amazonaws.com"), Fn.sub("sqs.${AWS::Region}.amazonaws.com")))))
                .build());

        Map<String, String> processorEnv = new LinkedHashMap<>(powertoolsEnvironment());
        processorEnv.put(TABLE_NAME, table.getTableName());
        processorEnv.put(ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        processorEnv.put(ALERT_STATUSES, settings.alertStatuses());
        processorEnv.put(CREATE_REJECTION_ALERT_CODES, settings.createRejectionAlertCodes());
        processorEnv.put(HISTORY_RETENTION_DAYS, Integer.toString(settings.historyRetentionDays()));
        processorEnv.put(STORM_THRESHOLD, Integer.toString(settings.stormThreshold()));
        processorEnv.put(STORM_WINDOW_MINUTES, Integer.toString(settings.stormWindowMinutes()));
        if (chatTopic != null) {
            processorEnv.put(CHAT_TOPIC_ARN, chatTopic.getTopicArn());
        }

        // Bounds what a flood of events (or a forger with invoke rights) can cost; the excess waits in Lambda's
        // asynchronous queue for up to the maximum event age.
        TrackerFunction processorParts = new TrackerFunction(this, new TrackerFunction.Spec(PROCESSOR_FUNCTION,
                "Optimization Job Tracker processor: event -> DescribeOptimizationJob -> DynamoDB -> SNS alert",
                PROCESSOR_HANDLER, PROCESSOR_TIMEOUT_SECONDS, settings.processorConcurrency(), processorEnv),
                code, processorRole, settings);
        processor = processorParts.function();
        Alias processorAlias = processorParts.alias();
        onFailureToQueue(processorAlias, processorRole);

        LambdaFunction processorTarget = new LambdaFunction(processorAlias, LambdaFunctionProps.builder()
                .deadLetterQueue(eventDlq)
                .retryAttempts(RULE_RETRIES)
                .maxEventAge(RULE_MAX_EVENT_AGE)
                .build());
        for (EventRoutes.Route route : EventRoutes.PROCESSOR_ROUTES) {
            processorRules.add(routing.processorRule(route, processorTarget));
        }
        // Principals of this account need no Allow in a queue policy, so only a Deny keeps a forged record (which
        // a redrive would replay, or which would bury a real one) off the dead-letter queues.
        denySendUnless(eventDlq, "OnlyTheProcessorRulesDeadLetterEvents", "aws:SourceArn",
                processorRules.stream().map(Rule::getRuleArn).toList());
        denySendUnless(failureQueue, "OnlyTheProcessorRecordsItsFailures", "aws:PrincipalArn",
                List.of(processorRole.getRoleArn()));

        // ---- poller ----------------------------------------------------------------------------------
        pollerRole.addToPolicy(allow(List.of("sagemaker:ListOptimizationJobs"), List.of("*")));
        // Its own partition (the checkpoint, and the ledger of what it emitted that the processor takes as
        // evidence) is all the poller writes; what the table knows of jobs it only reads.
        pollerRole.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:BatchWriteItem"))
                .resources(List.of(table.getTableArn()))
                .conditions(Map.of("ForAllValues:StringEquals",
                        Map.of("dynamodb:LeadingKeys", List.of(TableLayout.POLLER_PARTITION))))
                .build());
        pollerRole.addToPolicy(allow(List.of("dynamodb:BatchGetItem"), List.of(table.getTableArn())));
        pollerRole.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("events:PutEvents"))
                .resources(List.of(trackerBus.getEventBusArn()))
                .conditions(Map.of("StringEquals", Map.of(
                        "events:source", EventContract.TRACKER_SOURCE,
                        "events:detail-type", EventContract.STATE_CHANGE_DETAIL_TYPE)))
                .build());

        Map<String, String> pollerEnv = new LinkedHashMap<>(powertoolsEnvironment());
        pollerEnv.put(TABLE_NAME, table.getTableName());
        pollerEnv.put(EVENT_BUS_NAME, trackerBus.getEventBusName());
        pollerEnv.put(POLL_OVERLAP_SECONDS, "300");
        pollerEnv.put(POLL_BACKFILL_HOURS, "24");
        pollerEnv.put(POLL_PAGE_SIZE, "100");

        // reserved concurrency 1: never two polls at once, they would race on the checkpoint
        TrackerFunction pollerParts = new TrackerFunction(this, new TrackerFunction.Spec(POLLER_FUNCTION,
                "Optimization Job Tracker poller: ListOptimizationJobs -> state-change events on the tracker bus",
                POLLER_HANDLER, POLLER_TIMEOUT_SECONDS, 1, pollerEnv), code, pollerRole, settings);
        poller = pollerParts.function();
        Alias pollerAlias = pollerParts.alias();
        // A missed or throttled tick is harmless (the next one re-reads from the checkpoint): no retries, no queue.
        pollerAlias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(0)
                .maxEventAge(Duration.minutes(1))
                .build());
        LogicalIds.pin(pollerAlias.getNode().findChild("EventInvokeConfig"), POLLER_FUNCTION + "EventInvokeConfig");

        Rule schedule = Rule.Builder.create(this, POLLER_SCHEDULE)
                .description("Runs the optimization job poller")
                .schedule(Schedule.rate(Duration.minutes(settings.pollIntervalMinutes())))
                .targets(List.of(new LambdaFunction(pollerAlias, LambdaFunctionProps.builder()
                        .retryAttempts(0)
                        .maxEventAge(Duration.minutes(1))
                        .build())))
                .build();
        LogicalIds.pin(schedule, POLLER_SCHEDULE);

        forwardRule = settings.forwardToDefaultBus() ? routing.forwardToDefaultBus() : null;

        // ---- operations ------------------------------------------------------------------------------
        Operations operations = new Operations(this, "Operations", new Operations.Watched(processor, poller, eventDlq, failureQueue,
                alertTopic, chatTopic, opsTopic, processorRules, forwardRule, trackerBus), settings);
        output("DashboardName", operations.dashboardName(), "CloudWatch dashboard");

        output("TableName", table.getTableName(), "DynamoDB table with job records and history");
        output("AlertTopicArn", alertTopic.getTopicArn(), "SNS topic that receives failure alerts");
        output("OpsTopicArn", opsTopic.getTopicArn(), "SNS topic that receives the stack's CloudWatch alarms");
        if (chatTopic != null) {
            output("ChatTopicArn", chatTopic.getTopicArn(),
                    "SNS topic with the alerts for chat (map it to a Slack or Teams channel in Amazon Q Developer)");
        }
        output("ProcessorFunctionName", processor.getFunctionName(), "Processor Lambda function");
        output("PollerFunctionName", poller.getFunctionName(), "Poller Lambda function");
        output("ProcessorEventDlqUrl", eventDlq.getQueueUrl(), "Events EventBridge could not deliver to the processor");
        output("ProcessorFailureQueueUrl", failureQueue.getQueueUrl(), "Events the processor failed on after retries");
        output("TrackerEventBusName", trackerBus.getEventBusName(),
                "Event bus with the state-change events (only the poller may put events on it)");

        suppressNagFindings(processorRole, pollerRole);
    }

    /**
     * Lambda's on-failure destination for the processor, declared directly: the SqsDestination construct would
     * also grant the function GetQueueAttributes and GetQueueUrl, which it never calls. Lambda checks the
     * destination permission when the configuration is created, so it waits for the role's policy.
     */
    private void onFailureToQueue(Alias alias, Role role) {
        CfnEventInvokeConfig config = CfnEventInvokeConfig.Builder.create(this, PROCESSOR_FUNCTION + "EventInvokeConfig")
                .functionName(processor.getFunctionName())
                .qualifier(ALIAS_NAME)
                .maximumRetryAttempts(PROCESSOR_ASYNC_RETRIES)
                .maximumEventAgeInSeconds((int) PROCESSOR_MAX_EVENT_AGE.toSeconds())
                .destinationConfig(CfnEventInvokeConfig.DestinationConfigProperty.builder()
                        .onFailure(CfnEventInvokeConfig.OnFailureProperty.builder()
                                .destination(failureQueue.getQueueArn()).build())
                        .build())
                .build();
        config.getNode().addDependency(alias);
        config.getNode().addDependency(role.getNode().findChild("DefaultPolicy"));
        config.overrideLogicalId(PROCESSOR_FUNCTION + "EventInvokeConfig");
    }

    private static PolicyStatement serviceMayUseKey(String sid, String service, List<String> actions,
                                                    String sourceArnPattern) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal(service)))
                .actions(actions)
                .resources(List.of("*"))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", Fn.sub(sourceArnPattern))))
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

    private static Map<String, String> powertoolsEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(POWERTOOLS_SERVICE_NAME, SERVICE_NAME);
        env.put(POWERTOOLS_METRICS_NAMESPACE, METRICS_NAMESPACE);
        env.put(POWERTOOLS_LOG_LEVEL, "INFO");
        env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        return env;
    }

    /** Alerts come from the processor alone: a principal with sns:Publish on every topic cannot raise one. */
    private static void onlyTheProcessorPublishes(Topic topic, Role processorRole) {
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OnlyTheProcessorPublishesAlerts")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", processorRole.getRoleArn())))
                .build());
    }

    /**
     * The chat topic: the same alerts, in the custom-notification format Amazon Q Developer in chat applications
     * renders in Slack and Microsoft Teams. Subscribe it to a channel there (README); SNS decrypts before delivery,
     * so the chat service needs nothing of the key.
     */
    private Topic chatTopic(Role processorRole) {
        Topic topic = Topic.Builder.create(this, CHAT_TOPIC)
                .displayName("SageMaker optimization job alerts for chat")
                .masterKey(topicKey)
                .enforceSsl(true)
                .build();
        LogicalIds.pin(topic, CHAT_TOPIC);
        onlyTheProcessorPublishes(topic, processorRole);
        return topic;
    }

    private Queue deadLetterQueue(String name, String purpose) {
        Queue queue = Queue.Builder.create(this, name)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(topicKey)
                .enforceSsl(true)
                .retentionPeriod(DLQ_RETENTION)
                .build();
        LogicalIds.pin(queue, name);
        NagSuppressions.addResourceSuppressions(queue, List.of(suppression("AwsSolutions-SQS3",
                "This queue is itself a dead-letter queue: " + purpose + ". A DLQ of a DLQ would only move the problem;"
                        + " its depth is alarmed instead.")));
        return queue;
    }

    private static void denySendUnless(Queue queue, String sid, String key, List<String> arns) {
        queue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(sid)
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .conditions(Map.of("ArnNotEquals", Map.of(key, arns.size() == 1 ? arns.get(0) : arns)))
                .build());
    }

    private Role lambdaRole(String name, String description) {
        Role role = Role.Builder.create(this, name)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        LogicalIds.pin(role, name);
        return role;
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    static String optimizationJobArns() {
        return Fn.sub("arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:optimization-job/*");
    }

    static String defaultEventBusArn() {
        return Fn.sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default");
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
