package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.getAtt;
import static io.github.optimizationjobtracker.infra.Cfn.list;
import static io.github.optimizationjobtracker.infra.Cfn.map;
import static io.github.optimizationjobtracker.infra.Cfn.ref;
import static io.github.optimizationjobtracker.infra.Cfn.sub;
import static io.github.optimizationjobtracker.infra.TrackerStack.ALERT_TOPIC;
import static io.github.optimizationjobtracker.infra.TrackerStack.CLOUDTRAIL_RULE;
import static io.github.optimizationjobtracker.infra.TrackerStack.EVENT_DLQ;
import static io.github.optimizationjobtracker.infra.TrackerStack.FAILURE_QUEUE;
import static io.github.optimizationjobtracker.infra.TrackerStack.OPS_TOPIC;
import static io.github.optimizationjobtracker.infra.TrackerStack.POLLER_FUNCTION;
import static io.github.optimizationjobtracker.infra.TrackerStack.POLLER_SCHEDULE;
import static io.github.optimizationjobtracker.infra.TrackerStack.PROCESSOR_FUNCTION;
import static io.github.optimizationjobtracker.infra.TrackerStack.STATE_CHANGE_RULE;
import static io.github.optimizationjobtracker.infra.TrackerStack.TABLE;
import static io.github.optimizationjobtracker.infra.TrackerStack.TOPIC_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.event.EventContract;
import io.github.optimizationjobtracker.store.TableLayout;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class TrackerStackTest {
    private static final Synth.Result SYNTH = Synth.defaults();
    private static final Template T = SYNTH.template();

    // ---- functions ---------------------------------------------------------------------------------------

    @Test
    void bothFunctionsRunJava21OnArmWithSnapStartAndJvmSizing() {
        T.resourceCountIs("AWS::Lambda::Function", 2);
        for (String fn : List.of(PROCESSOR_FUNCTION, POLLER_FUNCTION)) {
            Map<String, Object> p = SYNTH.properties(fn);
            assertThat(p.get("Runtime")).as(fn).isEqualTo("java21");
            assertThat(p.get("Architectures")).as(fn).isEqualTo(List.of("arm64"));
            assertThat(((Number) p.get("MemorySize")).intValue()).as(fn).isEqualTo(1024);
            assertThat(p.get("SnapStart")).as(fn).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(map(p.get("LoggingConfig")).get("LogGroup"))
                    .as(fn).isEqualTo(ref(fn.replace("Function", "LogGroup")));
        }
        assertThat(SYNTH.properties(PROCESSOR_FUNCTION))
                .containsEntry("Handler", "io.github.optimizationjobtracker.processor.ProcessorHandler::handleRequest")
                .doesNotContainKey("ReservedConcurrentExecutions");
        assertThat(((Number) SYNTH.properties(PROCESSOR_FUNCTION).get("Timeout")).intValue()).isEqualTo(30);
        assertThat(SYNTH.properties(POLLER_FUNCTION))
                .containsEntry("Handler", "io.github.optimizationjobtracker.poller.PollerHandler::handleRequest");
        assertThat(((Number) SYNTH.properties(POLLER_FUNCTION).get("Timeout")).intValue()).isEqualTo(90);
        assertThat(((Number) SYNTH.properties(POLLER_FUNCTION).get("ReservedConcurrentExecutions")).intValue())
                .as("the poller must never run twice at once").isEqualTo(1);
    }

    @Test
    void processorEnvironmentNamesEverySetting() {
        assertThat(environment(PROCESSOR_FUNCTION)).isEqualTo(Map.of(
                EnvironmentVariables.TABLE_NAME, ref(TABLE),
                EnvironmentVariables.ALERT_TOPIC_ARN, ref(ALERT_TOPIC),
                EnvironmentVariables.ALERT_STATUSES, "FAILED",
                EnvironmentVariables.HISTORY_RETENTION_DAYS, "0",
                EnvironmentVariables.POWERTOOLS_SERVICE_NAME, "optimization-job-tracker",
                EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, "OptimizationJobTracker",
                EnvironmentVariables.POWERTOOLS_LOG_LEVEL, "INFO",
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
    }

    @Test
    void pollerEnvironmentNamesEverySetting() {
        assertThat(environment(POLLER_FUNCTION)).isEqualTo(Map.of(
                EnvironmentVariables.TABLE_NAME, ref(TABLE),
                EnvironmentVariables.EVENT_BUS_NAME, "default",
                EnvironmentVariables.POLL_OVERLAP_SECONDS, "300",
                EnvironmentVariables.POLL_BACKFILL_HOURS, "24",
                EnvironmentVariables.POLL_PAGE_SIZE, "100",
                EnvironmentVariables.POWERTOOLS_SERVICE_NAME, "optimization-job-tracker",
                EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, "OptimizationJobTracker",
                EnvironmentVariables.POWERTOOLS_LOG_LEVEL, "INFO",
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
    }

    @Test
    void eachFunctionPublishesVersionsBehindALiveAlias() {
        T.resourceCountIs("AWS::Lambda::Version", 2);
        T.resourceCountIs("AWS::Lambda::Alias", 2);
        for (String fn : List.of(PROCESSOR_FUNCTION, POLLER_FUNCTION)) {
            Map<String, Object> alias = SYNTH.properties(fn + "Aliaslive");
            assertThat(alias).containsEntry("Name", "live").containsEntry("FunctionName", ref(fn));
            String version = (String) list(map(alias.get("FunctionVersion")).get("Fn::GetAtt")).get(0);
            assertThat(SYNTH.resource(version)).containsEntry("Type", "AWS::Lambda::Version");
        }
    }

    @Test
    void logGroupsKeepThirtyDaysByDefault() {
        T.resourceCountIs("AWS::Logs::LogGroup", 2);
        T.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    // ---- asynchronous invocation: nothing is lost ---------------------------------------------------------

    @Test
    void processorRetriesTwiceThenParksTheEventInTheFailureQueue() {
        Map<String, Object> config = SYNTH.properties(PROCESSOR_FUNCTION + "EventInvokeConfig");
        assertThat(config).containsEntry("FunctionName", ref(PROCESSOR_FUNCTION));
        assertThat(((Number) config.get("MaximumRetryAttempts")).intValue()).isEqualTo(2);
        assertThat(((Number) config.get("MaximumEventAgeInSeconds")).intValue()).isEqualTo(6 * 3600);
        assertThat(config.get("DestinationConfig"))
                .isEqualTo(Map.of("OnFailure", Map.of("Destination", getAtt(FAILURE_QUEUE, "Arn"))));
        assertThat(config.get("Qualifier").toString()).as("configured on the live alias")
                .contains(PROCESSOR_FUNCTION + "Aliaslive");
    }

    @Test
    void pollerDoesNotRetryAMissedTick() {
        Map<String, Object> config = SYNTH.properties(POLLER_FUNCTION + "EventInvokeConfig");
        assertThat(((Number) config.get("MaximumRetryAttempts")).intValue()).isZero();
        assertThat(((Number) config.get("MaximumEventAgeInSeconds")).intValue()).isEqualTo(60);
        assertThat(config).doesNotContainKey("DestinationConfig");
    }

    // ---- EventBridge ---------------------------------------------------------------------------------------

    @Test
    void pollerRunsEveryMinuteThroughItsAlias() {
        Map<String, Object> rule = SYNTH.properties(POLLER_SCHEDULE);
        assertThat(rule).containsEntry("ScheduleExpression", "rate(1 minute)").containsEntry("State", "ENABLED");
        Map<String, Object> target = onlyTarget(rule);
        assertThat(target.get("Arn")).isEqualTo(ref(POLLER_FUNCTION + "Aliaslive"));
    }

    @Test
    void stateChangeRuleMatchesThePollersAndNativeSageMakerEvents() {
        Map<String, Object> rule = SYNTH.properties(STATE_CHANGE_RULE);
        assertThat(rule).doesNotContainKey("EventBusName"); // the default bus
        assertThat(Cfn.normalize(rule.get("EventPattern"))).isEqualTo(Cfn.normalize(Map.of(
                "source", List.of(EventContract.TRACKER_SOURCE, EventContract.SAGEMAKER_SOURCE),
                "detail-type", List.of(EventContract.STATE_CHANGE_DETAIL_TYPE))));
        assertTargetsProcessorWithRetriesAndDlq(rule);
    }

    @Test
    void cloudTrailRuleMatchesCreateStopAndDeleteCalls() {
        Map<String, Object> rule = SYNTH.properties(CLOUDTRAIL_RULE);
        assertThat(rule).doesNotContainKey("EventBusName");
        assertThat(Cfn.normalize(rule.get("EventPattern"))).isEqualTo(Cfn.normalize(Map.of(
                "source", List.of("aws.sagemaker"),
                "detail-type", List.of("AWS API Call via CloudTrail"),
                "detail", Map.of(
                        "eventSource", List.of("sagemaker.amazonaws.com"),
                        "eventName", List.of("CreateOptimizationJob", "StopOptimizationJob", "DeleteOptimizationJob")))));
        assertTargetsProcessorWithRetriesAndDlq(rule);
    }

    @Test
    void onlyTheThreeRulesExist() {
        assertThat(idsOfType("AWS::Events::Rule")).containsExactlyInAnyOrder(
                STATE_CHANGE_RULE, CLOUDTRAIL_RULE, POLLER_SCHEDULE);
    }

    @Test
    void eventBridgeMayInvokeOnlyTheAliasesFromItsRules() {
        T.resourceCountIs("AWS::Lambda::Permission", 3);
        Map<String, Map<String, Object>> permissions = T.findResources("AWS::Lambda::Permission");
        permissions.values().forEach(resource -> {
            Map<String, Object> p = map(map(resource).get("Properties"));
            assertThat(p).containsEntry("Action", "lambda:InvokeFunction")
                    .containsEntry("Principal", "events.amazonaws.com");
            assertThat(p.get("FunctionName").toString()).contains("Aliaslive");
            assertThat(map(p.get("SourceArn"))).containsKey("Fn::GetAtt");
        });
    }

    private static void assertTargetsProcessorWithRetriesAndDlq(Map<String, Object> rule) {
        Map<String, Object> target = onlyTarget(rule);
        assertThat(target.get("Arn")).isEqualTo(ref(PROCESSOR_FUNCTION + "Aliaslive"));
        assertThat(target.get("DeadLetterConfig")).isEqualTo(Map.of("Arn", getAtt(EVENT_DLQ, "Arn")));
        assertThat(Cfn.normalize(target.get("RetryPolicy")))
                .isEqualTo(Cfn.normalize(Map.of("MaximumRetryAttempts", 20, "MaximumEventAgeInSeconds", 21600)));
    }

    // ---- table ---------------------------------------------------------------------------------------------

    @Test
    void tableIsOnDemandRecoverableProtectedRetainedAndEncrypted() {
        T.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Map.of(
                        "BillingMode", "PAY_PER_REQUEST",
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Map.of("SSEEnabled", true),
                        "TimeToLiveSpecification", Map.of("AttributeName", TableLayout.EXPIRES_AT, "Enabled", true))));
    }

    @Test
    void tableKeysAndIndexesFollowTheDataModel() {
        Map<String, Object> p = SYNTH.properties(TABLE);
        assertThat(Cfn.normalize(p.get("KeySchema"))).isEqualTo(Cfn.normalize(keys("JobName", "RecordKey")));
        assertThat(Cfn.normalize(p.get("LocalSecondaryIndexes"))).isEqualTo(Cfn.normalize(List.of(
                index("HistoryByTime", "JobName", "HistoryTime"))));
        assertThat(Cfn.normalize(p.get("GlobalSecondaryIndexes"))).isEqualTo(Cfn.normalize(List.of(
                index("JobsByStatus", "CurrentStatus", "LastModifiedTime"),
                index("JobsByCreationTime", "CreationYear", "CreationTime"))));
        Set<String> stringAttributes = list(p.get("AttributeDefinitions")).stream().map(Cfn::map)
                .peek(a -> assertThat(a.get("AttributeType")).isEqualTo("S"))
                .map(a -> (String) a.get("AttributeName")).collect(Collectors.toSet());
        assertThat(stringAttributes).containsExactlyInAnyOrder("JobName", "RecordKey", "HistoryTime",
                "CurrentStatus", "LastModifiedTime", "CreationYear", "CreationTime");
    }

    private static List<Map<String, Object>> keys(String hash, String range) {
        return List.of(Map.of("AttributeName", hash, "KeyType", "HASH"), Map.of("AttributeName", range, "KeyType", "RANGE"));
    }

    private static Map<String, Object> index(String name, String hash, String range) {
        return Map.of("IndexName", name, "KeySchema", keys(hash, range), "Projection", Map.of("ProjectionType", "ALL"));
    }

    // ---- topics and queues ---------------------------------------------------------------------------------

    @Test
    void topicsAreEncryptedWithARotatedKeyAndRefusePlainHttp() {
        T.resourceCountIs("AWS::SNS::Topic", 2);
        for (String topic : List.of(ALERT_TOPIC, OPS_TOPIC)) {
            assertThat(SYNTH.properties(topic).get("KmsMasterKeyId")).isEqualTo(getAtt(TOPIC_KEY, "Arn"));
            T.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                    "Topics", List.of(ref(topic)),
                    "PolicyDocument", Map.of("Statement", List.of(Map.of(
                            "Effect", "Deny",
                            "Action", "sns:Publish",
                            "Principal", "*",
                            "Resource", ref(topic),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))));
        }
        T.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        T.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Resource", "*",
                        "Sid", "AllowCloudWatchAlarmsToPublishToEncryptedTopics"))))));
    }

    @Test
    void noEmailSubscriptionUnlessAsked() {
        T.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void deadLetterQueuesAreEncryptedTlsOnlyAndKeepMessagesFourteenDays() {
        T.resourceCountIs("AWS::SQS::Queue", 2);
        for (String queue : List.of(EVENT_DLQ, FAILURE_QUEUE)) {
            assertThat(SYNTH.properties(queue)).containsEntry("SqsManagedSseEnabled", true);
            assertThat(((Number) SYNTH.properties(queue).get("MessageRetentionPeriod")).intValue()).isEqualTo(1209600);
            T.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                    "Queues", List.of(ref(queue)),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                            "Effect", "Deny",
                            "Action", "sqs:*",
                            "Principal", Map.of("AWS", "*"),
                            "Resource", getAtt(queue, "Arn"),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
        }
    }

    @Test
    void onlyTheProcessorRulesMaySendToTheEventDlq() {
        T.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(ref(EVENT_DLQ)),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Effect", "Allow", "Action", "sqs:SendMessage",
                                "Principal", Map.of("Service", "events.amazonaws.com"),
                                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", getAtt(STATE_CHANGE_RULE, "Arn"))))),
                        Match.objectLike(Map.of(
                                "Effect", "Allow", "Action", "sqs:SendMessage",
                                "Principal", Map.of("Service", "events.amazonaws.com"),
                                "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", getAtt(CLOUDTRAIL_RULE, "Arn")))))
                )))));
    }

    // ---- least-privilege IAM -------------------------------------------------------------------------------

    @Test
    void processorMayDoExactlyWhatItNeeds() {
        assertThat(statements(PROCESSOR_FUNCTION)).containsExactlyInAnyOrderElementsOf(normalized(List.of(
                allow(List.of("sagemaker:DescribeOptimizationJob"),
                        sub("arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:optimization-job/*")),
                allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                        getAtt(TABLE, "Arn")),
                allow(List.of("sns:Publish"), ref(ALERT_TOPIC)),
                allow(List.of("kms:Decrypt", "kms:GenerateDataKey*"), getAtt(TOPIC_KEY, "Arn")),
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt("ProcessorLogGroup", "Arn")),
                // added by the on-failure SqsDestination (Lambda sends the failed event with the function's role)
                allow(List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"),
                        getAtt(FAILURE_QUEUE, "Arn")))));
    }

    @Test
    void pollerMayDoExactlyWhatItNeeds() {
        Map<String, Object> putEvents = new java.util.HashMap<>(allow(List.of("events:PutEvents"),
                sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default")));
        putEvents.put("Condition", Map.of("StringEquals", Map.of("events:source", EventContract.TRACKER_SOURCE)));
        assertThat(statements(POLLER_FUNCTION)).containsExactlyInAnyOrderElementsOf(normalized(List.of(
                allow(List.of("sagemaker:ListOptimizationJobs"), "*"),
                allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchGetItem"),
                        getAtt(TABLE, "Arn")),
                putEvents,
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt("PollerLogGroup", "Arn")))));
    }

    @Test
    void rolesTrustOnlyLambdaAndCarryNoManagedPolicies() {
        T.resourceCountIs("AWS::IAM::Role", 2);
        T.resourceCountIs("AWS::IAM::Policy", 2);
        for (String fn : List.of(PROCESSOR_FUNCTION, POLLER_FUNCTION)) {
            Map<String, Object> role = SYNTH.properties(fn + "Role");
            assertThat(role).doesNotContainKeys("ManagedPolicyArns", "Policies");
            assertThat(Cfn.normalize(role.get("AssumeRolePolicyDocument"))).isEqualTo(Cfn.normalize(Map.of(
                    "Version", "2012-10-17",
                    "Statement", List.of(Map.of("Effect", "Allow", "Action", "sts:AssumeRole",
                            "Principal", Map.of("Service", "lambda.amazonaws.com"))))));
            assertThat(SYNTH.properties(fn).get("Role")).isEqualTo(getAtt(fn + "Role", "Arn"));
        }
    }

    /** The statements of the (single) policy attached to the function's role, in canonical form. */
    static List<Object> statements(String function) {
        List<Object> result = new java.util.ArrayList<>();
        T.findResources("AWS::IAM::Policy").values().forEach(resource -> {
            Map<String, Object> p = map(map(resource).get("Properties"));
            if (list(p.get("Roles")).contains(ref(function + "Role"))) {
                list(map(p.get("PolicyDocument")).get("Statement")).forEach(s -> result.add(Cfn.statement(s)));
            }
        });
        return result;
    }

    private static Map<String, Object> allow(List<String> actions, Object resource) {
        return Map.of("Effect", "Allow", "Action", actions, "Resource", resource);
    }

    private static List<Object> normalized(List<Map<String, Object>> statements) {
        return statements.stream().map(Cfn::statement).toList();
    }

    // ---- operations ----------------------------------------------------------------------------------------

    @Test
    void everyAlarmNotifiesTheOpsTopic() {
        Map<String, Map<String, Object>> alarms = T.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms).hasSize(7);
        alarms.forEach((id, alarm) -> {
            Map<String, Object> p = map(map(alarm).get("Properties"));
            assertThat(p.get("AlarmActions")).as(id).isEqualTo(List.of(ref(OPS_TOPIC)));
            assertThat(p.get("OKActions")).as(id).isEqualTo(List.of(ref(OPS_TOPIC)));
            assertThat((String) p.get("AlarmDescription")).as(id).isNotBlank();
        });
    }

    @Test
    void functionErrorAndThrottleAlarms() {
        for (String fn : List.of(PROCESSOR_FUNCTION, POLLER_FUNCTION)) {
            for (String metric : List.of("Errors", "Throttles")) {
                T.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                        "Namespace", "AWS/Lambda",
                        "MetricName", metric,
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(fn))),
                        "Statistic", "Sum",
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "TreatMissingData", "notBreaching"));
            }
        }
    }

    @Test
    void anyMessageInADeadLetterQueueAlarms() {
        for (String queue : List.of(EVENT_DLQ, FAILURE_QUEUE)) {
            T.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "AWS/SQS",
                    "MetricName", "ApproximateNumberOfMessagesVisible",
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", getAtt(queue, "QueueName"))),
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "EvaluationPeriods", 1));
        }
    }

    @Test
    void missingPollerHeartbeatAlarms() {
        T.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "OptimizationJobTracker",
                "MetricName", "PollerHeartbeat",
                "Dimensions", List.of(Map.of("Name", MetricNames.SERVICE_DIMENSION, "Value", "optimization-job-tracker")),
                "Statistic", "Sum",
                "Period", 300,
                "EvaluationPeriods", 2,
                "Threshold", 1,
                "ComparisonOperator", "LessThanThreshold",
                "TreatMissingData", "breaching"));
    }

    @Test
    void dashboardShowsEveryCustomMetricAndFunctionErrors() {
        T.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        String body = String.valueOf(SYNTH.properties("Dashboard").get("DashboardBody"));
        assertThat(body).contains("filter level = \\\"INFO\\\" and message like /^recorded /",
                "stats count(*) as events by status, bin(5m)\",\"stacked\":true", "\"type\":\"log\"");
        for (String metric : MetricNames.ALL) {
            assertThat(body).as("dashboard shows " + metric).containsPattern("\\\\?\"" + metric + "\\\\?\"");
        }
        assertThat(body).contains("[\"AWS/Lambda\",\"Errors\"", "ApproximateNumberOfMessagesVisible", "\"type\":\"alarm\"");
    }

    @Test
    void outputsNameWhatOperatorsNeed() {
        Map<String, Object> outputs = map(SYNTH.json().get("Outputs"));
        assertThat(outputs).containsKeys("TableName", "AlertTopicArn", "OpsTopicArn", "ProcessorFunctionName",
                "PollerFunctionName", "ProcessorEventDlqUrl", "ProcessorFailureQueueUrl", "DashboardName");
        assertThat(map(outputs.get("TableName")).get("Value")).isEqualTo(ref(TABLE));
        assertThat(map(outputs.get("ProcessorEventDlqUrl")).get("Value")).isEqualTo(ref(EVENT_DLQ));
        assertThat(map(outputs.get("ProcessorFailureQueueUrl")).get("Value")).isEqualTo(ref(FAILURE_QUEUE));
    }

    @Test
    void bothFunctionsShareOneCodeAssetTheJar() {
        Object processorCode = SYNTH.properties(PROCESSOR_FUNCTION).get("Code");
        assertThat(processorCode).isEqualTo(SYNTH.properties(POLLER_FUNCTION).get("Code"));
        assertThat((String) map(processorCode).get("S3Key")).endsWith(".jar");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static Map<String, Object> environment(String function) {
        return map(map(SYNTH.properties(function).get("Environment")).get("Variables"));
    }

    private static Map<String, Object> onlyTarget(Map<String, Object> rule) {
        List<Object> targets = list(rule.get("Targets"));
        assertThat(targets).hasSize(1);
        return map(targets.get(0));
    }

    private static Set<String> idsOfType(String type) {
        return T.findResources(type).keySet();
    }
}
