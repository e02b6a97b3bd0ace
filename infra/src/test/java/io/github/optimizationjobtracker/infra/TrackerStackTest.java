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
import io.github.optimizationjobtracker.event.EventRoutes;
import io.github.optimizationjobtracker.store.TableLayout;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * What the synthesized stack must hold, because the local stand-ins evaluate no IAM or resource policy: both
 * functions' runtime, sizing and concurrency; every processor rule's route, retries and dead-letter queue; who may
 * put events on the tracker bus, publish to each topic, send to each queue, write the table's items and use the key
 * (each policy statement by statement, each role's permissions exactly); every alarm by name, its metric and that it
 * notifies the operations topic; the outputs operators and the tracker command line read.
 */
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
                .containsEntry("Handler", "io.github.optimizationjobtracker.processor.ProcessorHandler::handleRequest");
        assertThat(((Number) SYNTH.properties(PROCESSOR_FUNCTION).get("ReservedConcurrentExecutions")).intValue())
                .as("a flood of events costs at most this many concurrent processors").isEqualTo(10);
        assertThat(((Number) SYNTH.properties(PROCESSOR_FUNCTION).get("Timeout")).intValue()).isEqualTo(30);
        assertThat(SYNTH.properties(POLLER_FUNCTION))
                .containsEntry("Handler", "io.github.optimizationjobtracker.poller.PollerHandler::handleRequest");
        assertThat(((Number) SYNTH.properties(POLLER_FUNCTION).get("Timeout")).intValue()).isEqualTo(90);
        assertThat(((Number) SYNTH.properties(POLLER_FUNCTION).get("ReservedConcurrentExecutions")).intValue())
                .as("the poller must never run twice at once").isEqualTo(1);
    }

    @Test
    void processorEnvironmentNamesEverySetting() {
        assertThat(environment(PROCESSOR_FUNCTION)).isEqualTo(Map.ofEntries(
                Map.entry(EnvironmentVariables.TABLE_NAME, ref(TABLE)),
                Map.entry(EnvironmentVariables.ALERT_TOPIC_ARN, ref(ALERT_TOPIC)),
                Map.entry(EnvironmentVariables.ALERT_STATUSES, "FAILED"),
                Map.entry(EnvironmentVariables.CREATE_REJECTION_ALERT_CODES,
                        "ValidationException,AccessDenied,AccessDeniedException,ResourceLimitExceeded"),
                Map.entry(EnvironmentVariables.HISTORY_RETENTION_DAYS, "0"),
                Map.entry(EnvironmentVariables.STORM_THRESHOLD, "5"),
                Map.entry(EnvironmentVariables.STORM_WINDOW_MINUTES, "10"),
                Map.entry(EnvironmentVariables.POWERTOOLS_SERVICE_NAME, "optimization-job-tracker"),
                Map.entry(EnvironmentVariables.POWERTOOLS_METRICS_NAMESPACE, "OptimizationJobTracker"),
                Map.entry(EnvironmentVariables.POWERTOOLS_LOG_LEVEL, "INFO"),
                Map.entry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1")));
        T.resourceCountIs("AWS::SNS::Topic", 2);
        assertThat(SYNTH.json().get("Outputs").toString()).doesNotContain("ChatTopicArn");
    }

    @Test
    void pollerEnvironmentNamesEverySetting() {
        assertThat(environment(POLLER_FUNCTION)).isEqualTo(Map.of(
                EnvironmentVariables.TABLE_NAME, ref(TABLE),
                EnvironmentVariables.EVENT_BUS_NAME, ref(TrackerStack.TRACKER_BUS),
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
        assertThat(config.get("Qualifier")).as("configured on the live alias").isEqualTo("live");
        assertThat(list(SYNTH.resource(PROCESSOR_FUNCTION + "EventInvokeConfig").get("DependsOn")))
                .as("created after the alias, and after the role may send to the queue (Lambda checks)")
                .contains(PROCESSOR_FUNCTION + "Aliaslive")
                .anySatisfy(d -> assertThat(d.toString()).startsWith(PROCESSOR_FUNCTION + "RoleDefaultPolicy"));
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
    void everyProcessorRuleIsTheRouteItIsBuiltFromOnItsBus() {
        for (EventRoutes.Route route : EventRoutes.PROCESSOR_ROUTES) {
            Map<String, Object> rule = SYNTH.properties(PROCESSOR_FUNCTION + route.name());
            assertThat(rule.get("EventBusName")).as(route.name() + " bus")
                    .isEqualTo(route.bus() == EventRoutes.Bus.TRACKER ? ref(TrackerStack.TRACKER_BUS) : null);
            assertThat(Cfn.normalize(rule.get("EventPattern"))).as(route.name() + " pattern")
                    .isEqualTo(Cfn.normalize(route.patternIn(ref("AWS::AccountId"))));
            if (route.bus() == EventRoutes.Bus.DEFAULT) {
                assertThat(map(rule.get("EventPattern"))).as(route.name() + ": another account's records on the"
                        + " default bus are not this account's").containsEntry("account", List.of(ref("AWS::AccountId")));
            }
            Map<String, Object> target = onlyTarget(rule);
            if (route.transformer() == null) {
                assertThat(target).as(route.name()).doesNotContainKey("InputTransformer");
            } else {
                Map<String, Object> transformer = map(target.get("InputTransformer"));
                assertThat(transformer.get("InputTemplate")).isEqualTo(route.transformer().inputTemplate());
                assertThat(transformer.getOrDefault("InputPathsMap", Map.of()))
                        .isEqualTo(route.transformer().inputPathsMap());
            }
            assertTargetsProcessorWithRetriesAndDlq(rule);
        }
    }

    @Test
    void theTrackersOwnEventsReachTheProcessorOnlyFromItsBus() {
        for (EventRoutes.Route route : EventRoutes.PROCESSOR_ROUTES) {
            List<Object> sources = list(map(SYNTH.properties(PROCESSOR_FUNCTION + route.name()).get("EventPattern"))
                    .get("source"));
            if (sources.contains(EventContract.TRACKER_SOURCE)) {
                assertThat(route.bus()).as(route.name() + ": a rule for the tracker's source on the default bus would"
                        + " deliver whatever anyone puts there").isEqualTo(EventRoutes.Bus.TRACKER);
            } else {
                assertThat(sources).as(route.name() + ": only AWS (aws.*) can put these sources")
                        .allSatisfy(source -> assertThat(source.toString()).startsWith("aws."));
            }
        }
    }

    @Test
    void cloudTrailRulesNeverPassTheRequestParametersWhole() {
        for (EventRoutes.Route route : EventRoutes.PROCESSOR_ROUTES) {
            Map<String, Object> pattern = route.pattern();
            if (!List.of(EventContract.CLOUDTRAIL_DETAIL_TYPE).equals(pattern.get("detail-type"))) {
                continue;
            }
            Map<String, Object> transformer = map(onlyTarget(SYNTH.properties(PROCESSOR_FUNCTION + route.name()))
                    .get("InputTransformer"));
            assertThat(transformer).as(route.name() + " must transform its input").isNotNull();
            assertThat(map(transformer.get("InputPathsMap")).values()).as(route.name() + " paths")
                    .allSatisfy(path -> assertThat(path.toString()).doesNotEndWith("requestParameters")
                            .doesNotContain("Environment").doesNotContain("optimizationConfigs")
                            .doesNotContain("$.detail.requestParameters.modelSource"))
                    .doesNotContain("$.detail", "$");
            assertThat(transformer.get("InputTemplate").toString()).doesNotContain("aws.events.event.json");
        }
    }

    @Test
    void onlyTheseRulesExist() {
        java.util.Set<String> expected = new java.util.HashSet<>(java.util.Set.of(POLLER_SCHEDULE, TrackerStack.FORWARD_RULE));
        EventRoutes.PROCESSOR_ROUTES.forEach(route -> expected.add(PROCESSOR_FUNCTION + route.name()));
        assertThat(idsOfType("AWS::Events::Rule")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void eventBridgeMayInvokeOnlyTheAliasesFromItsRules() {
        T.resourceCountIs("AWS::Lambda::Permission", EventRoutes.PROCESSOR_ROUTES.size() + 1);
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

    private static final Object ACCOUNT = ref("AWS::AccountId");

    @Test
    void topicsAreEncryptedWithARotatedKeyAndRefusePlainHttp() {
        T.resourceCountIs("AWS::SNS::Topic", 2);
        for (String topic : List.of(ALERT_TOPIC, OPS_TOPIC)) {
            assertThat(SYNTH.properties(topic).get("KmsMasterKeyId")).isEqualTo(getAtt(TOPIC_KEY, "Arn"));
            assertThat(topicStatements(topic)).as(topic).contains(Cfn.statement(Map.of(
                    "Sid", "AllowPublishThroughSSLOnly",
                    "Effect", "Deny",
                    "Action", "sns:Publish",
                    "Principal", "*",
                    "Resource", ref(topic),
                    "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))));
        }
        T.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    /**
     * A topic policy replaces SNS's default policy: CloudWatch, a service principal, may publish only if it says
     * so. Without this statement every alarm of the stack would fire and reach nobody.
     */
    @Test
    void theOpsTopicAdmitsThisAccountsAlarmsAndTheAlertTopicNoService() {
        assertThat(topicStatements(OPS_TOPIC)).contains(Cfn.statement(Map.of(
                "Sid", "AllowThisAccountsCloudWatchAlarmsToPublish",
                "Effect", "Allow",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                "Action", "sns:Publish",
                "Resource", ref(OPS_TOPIC),
                "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", ACCOUNT),
                        "ArnLike", Map.of("aws:SourceArn",
                                sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"))))));
        assertThat(topicStatements(ALERT_TOPIC)).as("no principal but the processor's role publishes alerts")
                .noneSatisfy(st -> assertThat(map(st).get("Effect")).isEqualTo("Allow"))
                .contains(Cfn.statement(Map.of(
                        "Sid", "OnlyTheProcessorPublishesAlerts", "Effect", "Deny", "Principal", Map.of("AWS", "*"),
                        "Action", "sns:Publish", "Resource", ref(ALERT_TOPIC),
                        "Condition", Map.of("ArnNotEquals",
                                Map.of("aws:PrincipalArn", getAtt(PROCESSOR_FUNCTION + "Role", "Arn"))))));
    }

    @Test
    void noPrincipalButTheTwoFunctionsWritesTheTablesItems() {
        Map<String, Object> policy = map(map(SYNTH.properties(TABLE).get("ResourcePolicy")).get("PolicyDocument"));
        assertThat(list(policy.get("Statement"))).singleElement().satisfies(statement -> assertThat(
                Cfn.statement(statement)).isEqualTo(Cfn.statement(Map.of(
                        "Sid", "OnlyTheTrackersFunctionsWriteItems", "Effect", "Deny",
                        "Principal", Map.of("AWS", "*"), "Resource", "*",
                        "Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                                "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
                                "dynamodb:PartiQLDelete"),
                        "Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", List.of(
                                getAtt(PROCESSOR_FUNCTION + "Role", "Arn"), getAtt(POLLER_FUNCTION + "Role", "Arn"))))))));
    }

    @Test
    void theKeyAdmitsAlarmsAndRuleDeadLettersOfThisAccountOnly() {
        List<Object> statements = list(map(SYNTH.properties(TOPIC_KEY).get("KeyPolicy")).get("Statement"))
                .stream().map(Cfn::statement).toList();
        assertThat(statements).contains(
                Cfn.statement(Map.of("Sid", "AllowCloudWatchAlarmsToPublishToEncryptedTopics", "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"), "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", ACCOUNT),
                                "ArnLike", Map.of("aws:SourceArn", sub(
                                        "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*"))))),
                Cfn.statement(Map.of("Sid", "AllowEventBridgeRulesToDeadLetterEncryptedEvents", "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"), "Resource", "*",
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", ACCOUNT),
                                "ArnLike", Map.of("aws:SourceArn", sub(
                                        "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/*"))))));
        assertThat(statements).as("no service statement without both confused-deputy conditions")
                .filteredOn(st -> map(st).get("Principal") instanceof Map<?, ?> p && p.containsKey("Service"))
                .allSatisfy(st -> assertThat(map(map(st).get("Condition")).keySet())
                        .containsExactlyInAnyOrder("StringEquals", "ArnLike"));
    }

    private static List<Object> topicStatements(String topic) {
        List<Object> result = new java.util.ArrayList<>();
        T.findResources("AWS::SNS::TopicPolicy").values().forEach(resource -> {
            Map<String, Object> p = map(map(resource).get("Properties"));
            if (list(p.get("Topics")).contains(ref(topic))) {
                list(map(p.get("PolicyDocument")).get("Statement")).forEach(st -> result.add(Cfn.statement(st)));
            }
        });
        return result;
    }

    @Test
    void noEmailSubscriptionUnlessAsked() {
        T.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void deadLetterQueuesAreEncryptedWithTheStacksKeyTlsOnlyAndKeepMessagesFourteenDays() {
        T.resourceCountIs("AWS::SQS::Queue", 2);
        for (String queue : List.of(EVENT_DLQ, FAILURE_QUEUE)) {
            assertThat(SYNTH.properties(queue)).containsEntry("KmsMasterKeyId", getAtt(TOPIC_KEY, "Arn"))
                    .doesNotContainKey("SqsManagedSseEnabled");
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
        List<Object> senders = new java.util.ArrayList<>();
        T.findResources("AWS::SQS::QueuePolicy").values().forEach(resource -> {
            Map<String, Object> p = map(map(resource).get("Properties"));
            if (list(p.get("Queues")).contains(ref(EVENT_DLQ))) {
                list(map(p.get("PolicyDocument")).get("Statement")).stream().map(Cfn::map)
                        .filter(st -> "Allow".equals(st.get("Effect"))).forEach(st -> {
                            assertThat(st).containsEntry("Action", "sqs:SendMessage")
                                    .containsEntry("Principal", Map.of("Service", "events.amazonaws.com"));
                            senders.add(map(map(st.get("Condition")).get("ArnEquals")).get("aws:SourceArn"));
                        });
            }
        });
        assertThat(senders).containsExactlyInAnyOrderElementsOf(EventRoutes.PROCESSOR_ROUTES.stream()
                .map(route -> (Object) getAtt(PROCESSOR_FUNCTION + route.name(), "Arn")).toList());
    }

    @Test
    void noOtherPrincipalMayPutARecordOnEitherDeadLetterQueue() {
        // An Allow in a queue policy is not needed by principals of this account, so only a Deny keeps a forged
        // record (which an operator's redrive would replay, or which would bury a real one) off the queues.
        Map<String, Object> eventDlqDeny = new java.util.HashMap<>(Map.of(
                "Sid", "OnlyTheProcessorRulesDeadLetterEvents",
                "Effect", "Deny",
                "Principal", Map.of("AWS", "*"),
                "Action", "sqs:SendMessage",
                "Resource", getAtt(EVENT_DLQ, "Arn"),
                "Condition", Map.of("ArnNotEquals", Map.of("aws:SourceArn", EventRoutes.PROCESSOR_ROUTES.stream()
                        .map(route -> (Object) getAtt(PROCESSOR_FUNCTION + route.name(), "Arn")).toList()))));
        Map<String, Object> failureQueueDeny = Map.of(
                "Sid", "OnlyTheProcessorRecordsItsFailures",
                "Effect", "Deny",
                "Principal", Map.of("AWS", "*"),
                "Action", "sqs:SendMessage",
                "Resource", getAtt(FAILURE_QUEUE, "Arn"),
                "Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", getAtt(PROCESSOR_FUNCTION + "Role", "Arn"))));
        for (Map.Entry<String, Map<String, Object>> expected : Map.of(EVENT_DLQ, eventDlqDeny,
                FAILURE_QUEUE, failureQueueDeny).entrySet()) {
            List<Object> denies = new java.util.ArrayList<>();
            T.findResources("AWS::SQS::QueuePolicy").values().forEach(resource -> {
                Map<String, Object> p = map(map(resource).get("Properties"));
                if (list(p.get("Queues")).contains(ref(expected.getKey()))) {
                    list(map(p.get("PolicyDocument")).get("Statement")).stream().map(Cfn::map)
                            .filter(st -> "Deny".equals(st.get("Effect")) && "sqs:SendMessage".equals(st.get("Action")))
                            .forEach(denies::add);
                }
            });
            assertThat(denies).as(expected.getKey()).containsExactly(expected.getValue());
        }
    }

    // ---- the tracker's own bus -----------------------------------------------------------------------------

    @Test
    void onlyThePollersRoleMayPutEventsOnTheTrackerBus() {
        Map<String, Object> bus = SYNTH.properties(TrackerStack.TRACKER_BUS);
        assertThat(bus.get("Name")).isEqualTo(sub("${AWS::StackName}-state-changes"));
        Object busArn = sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/"
                + "${AWS::StackName}-state-changes");
        Object pollerRole = getAtt(POLLER_FUNCTION + "Role", "Arn");
        assertThat(list(map(bus.get("Policy")).get("Statement"))).containsExactlyInAnyOrder(
                Map.of("Sid", "OnlyThePollerMayPutEvents", "Effect", "Deny", "Principal", "*",
                        "Action", "events:PutEvents", "Resource", busArn,
                        "Condition", Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", pollerRole))),
                Map.of("Sid", "ThePollerPutsStateChanges", "Effect", "Allow", "Principal", Map.of("AWS", pollerRole),
                        "Action", "events:PutEvents", "Resource", busArn));
    }

    @Test
    void theTrackersStateChangesAreForwardedToTheDefaultBusForOtherTeams() {
        Map<String, Object> rule = SYNTH.properties(TrackerStack.FORWARD_RULE);
        assertThat(rule.get("EventBusName")).isEqualTo(ref(TrackerStack.TRACKER_BUS));
        assertThat(Cfn.normalize(rule.get("EventPattern")))
                .isEqualTo(Cfn.normalize(EventRoutes.FORWARD_TO_DEFAULT_BUS.pattern()));
        Map<String, Object> target = onlyTarget(rule);
        assertThat(target.get("Arn")).isEqualTo(sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"));
        assertThat(target.get("RoleArn")).isEqualTo(getAtt(TrackerStack.FORWARD_ROLE, "Arn"));
        assertThat(Synth.synth(Map.of("forwardToDefaultBus", "false")).resources())
                .as("forwarding can be switched off").doesNotContainKeys(TrackerStack.FORWARD_RULE, TrackerStack.FORWARD_ROLE);
    }

    // ---- least-privilege IAM -------------------------------------------------------------------------------

    @Test
    void processorMayDoExactlyWhatItNeeds() {
        Map<String, Object> kms = new java.util.HashMap<>(allow(List.of("kms:GenerateDataKey", "kms:Decrypt"),
                getAtt(TOPIC_KEY, "Arn")));
        kms.put("Condition", Map.of("StringEquals", Map.of("kms:ViaService", List.of(
                sub("sns.${AWS::Region}.amazonaws.com"), sub("sqs.${AWS::Region}.amazonaws.com")))));
        assertThat(statements(PROCESSOR_FUNCTION)).containsExactlyInAnyOrderElementsOf(normalized(List.of(
                allow(List.of("sagemaker:DescribeOptimizationJob"),
                        sub("arn:${AWS::Partition}:sagemaker:${AWS::Region}:${AWS::AccountId}:optimization-job/*")),
                allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                        getAtt(TABLE, "Arn")),
                allow(List.of("sns:Publish"), ref(ALERT_TOPIC)),
                // Lambda sends a failed event to the failure queue with the function's role; nothing else.
                allow(List.of("sqs:SendMessage"), getAtt(FAILURE_QUEUE, "Arn")),
                kms,
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt("ProcessorLogGroup", "Arn")))));
    }

    @Test
    void pollerMayDoExactlyWhatItNeeds() {
        Map<String, Object> putEvents = new java.util.HashMap<>(allow(List.of("events:PutEvents"),
                getAtt(TrackerStack.TRACKER_BUS, "Arn")));
        putEvents.put("Condition", Map.of("StringEquals", Map.of("events:source", EventContract.TRACKER_SOURCE,
                "events:detail-type", EventContract.STATE_CHANGE_DETAIL_TYPE)));
        Map<String, Object> checkpoint = new java.util.HashMap<>(allow(List.of("dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:BatchWriteItem"), getAtt(TABLE, "Arn")));
        checkpoint.put("Condition", Map.of("ForAllValues:StringEquals",
                Map.of("dynamodb:LeadingKeys", List.of(TableLayout.POLLER_PARTITION))));
        assertThat(statements(POLLER_FUNCTION)).containsExactlyInAnyOrderElementsOf(normalized(List.of(
                allow(List.of("sagemaker:ListOptimizationJobs"), "*"),
                checkpoint,
                allow(List.of("dynamodb:BatchGetItem"), getAtt(TABLE, "Arn")),
                putEvents,
                allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), getAtt("PollerLogGroup", "Arn")))));
    }

    @Test
    void rolesTrustOnlyTheirServiceAndCarryNoManagedPolicies() {
        T.resourceCountIs("AWS::IAM::Role", 3);
        T.resourceCountIs("AWS::IAM::Policy", 3);
        for (String fn : List.of(PROCESSOR_FUNCTION, POLLER_FUNCTION)) {
            Map<String, Object> role = SYNTH.properties(fn + "Role");
            assertThat(role).doesNotContainKeys("ManagedPolicyArns", "Policies");
            assertThat(Cfn.normalize(role.get("AssumeRolePolicyDocument"))).isEqualTo(Cfn.normalize(Map.of(
                    "Version", "2012-10-17",
                    "Statement", List.of(Map.of("Effect", "Allow", "Action", "sts:AssumeRole",
                            "Principal", Map.of("Service", "lambda.amazonaws.com"))))));
            assertThat(SYNTH.properties(fn).get("Role")).isEqualTo(getAtt(fn + "Role", "Arn"));
        }
        Map<String, Object> forward = SYNTH.properties(TrackerStack.FORWARD_ROLE);
        assertThat(Cfn.normalize(forward.get("AssumeRolePolicyDocument"))).isEqualTo(Cfn.normalize(Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of("Effect", "Allow", "Action", "sts:AssumeRole",
                        "Principal", Map.of("Service", "events.amazonaws.com"))))));
        assertThat(statements(TrackerStack.FORWARD_ROLE.replace("Role", ""))).containsExactly(Cfn.statement(allow(
                List.of("events:PutEvents"),
                sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"))));
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

    private static final List<String> ALARMS = List.of("ProcessorErrorsAlarm", "PollerErrorsAlarm",
            "ProcessorThrottlesAlarm", "PollerThrottlesAlarm", "EventDlqNotEmptyAlarm", "FailureQueueNotEmptyAlarm",
            "AlertDeliveryFailuresAlarm", "ProcessorDestinationFailuresAlarm", "RuleDeadLetterFailuresAlarm",
            "EventDlqAgingAlarm", "FailureQueueAgingAlarm", "ForwardingFailuresAlarm", "PollerHeartbeatMissingAlarm");

    @Test
    void everyAlarmNotifiesTheOpsTopic() {
        Map<String, Map<String, Object>> alarms = T.findResources("AWS::CloudWatch::Alarm");
        assertThat(alarms.keySet().stream().map(id -> id.replaceAll("[0-9A-F]{8}$", "")).toList())
                .containsExactlyInAnyOrderElementsOf(ALARMS);
        alarms.forEach((id, alarm) -> {
            Map<String, Object> p = map(map(alarm).get("Properties"));
            assertThat(p.get("AlarmActions")).as(id).isEqualTo(List.of(ref(OPS_TOPIC)));
            assertThat(p.get("OKActions")).as(id).isEqualTo(List.of(ref(OPS_TOPIC)));
            assertThat((String) p.get("AlarmDescription")).as(id).isNotBlank();
        });
    }

    /** The alarm whose logical id is {@code name} plus CDK's hash suffix. */
    static Map<String, Object> alarm(String name) {
        return T.findResources("AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(e -> e.getKey().replaceAll("[0-9A-F]{8}$", "").equals(name))
                .map(e -> map(map(e.getValue()).get("Properties"))).findFirst()
                .orElseThrow(() -> new AssertionError("no alarm " + name));
    }

    @Test
    void anAlertSNSCouldNotDeliverAlarms() {
        assertThat(alarm("AlertDeliveryFailuresAlarm")).containsEntry("Namespace", "AWS/SNS")
                .containsEntry("MetricName", "NumberOfNotificationsFailed")
                .containsEntry("Dimensions", List.of(Map.of("Name", "TopicName", "Value", getAtt(ALERT_TOPIC, "TopicName"))))
                .containsEntry("Statistic", "Sum").containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("TreatMissingData", "notBreaching");
        assertThat(((Number) alarm("AlertDeliveryFailuresAlarm").get("Threshold")).intValue()).isEqualTo(1);
    }

    @Test
    void aFailedEventTheFailureQueueCouldNotTakeAlarms() {
        assertThat(alarm("ProcessorDestinationFailuresAlarm")).containsEntry("Namespace", "AWS/Lambda")
                .containsEntry("MetricName", "DestinationDeliveryFailures")
                .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", ref(PROCESSOR_FUNCTION))))
                .containsEntry("Statistic", "Sum");
    }

    @Test
    void anEventNoRuleCouldDeadLetterAlarmsForEveryProcessorRule() {
        Map<String, Object> p = alarm("RuleDeadLetterFailuresAlarm");
        List<Map<String, Object>> metrics = list(p.get("Metrics")).stream().map(Cfn::map).toList();
        List<Map<String, Object>> stats = metrics.stream().filter(m -> m.containsKey("MetricStat"))
                .map(m -> map(map(m.get("MetricStat")).get("Metric"))).toList();
        assertThat(stats).hasSize(EventRoutes.PROCESSOR_ROUTES.size())
                .allSatisfy(m -> assertThat(m).containsEntry("Namespace", "AWS/Events")
                        .containsEntry("MetricName", "InvocationsFailedToBeSentToDlq"));
        for (EventRoutes.Route route : EventRoutes.PROCESSOR_ROUTES) {
            Object rule = ref(PROCESSOR_FUNCTION + route.name());
            // On a custom bus, Ref of a rule is "bus|rule": the dimension takes the part after the bar.
            Object ruleName = route.bus() == EventRoutes.Bus.TRACKER
                    ? Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of("|", rule)))) : rule;
            List<Object> dimensions = new java.util.ArrayList<>(List.of(Map.of("Name", "RuleName", "Value", ruleName)));
            if (route.bus() == EventRoutes.Bus.TRACKER) {
                dimensions.add(Map.of("Name", "EventBusName", "Value", ref(TrackerStack.TRACKER_BUS)));
            }
            assertThat(stats).as(route.name()).anySatisfy(m -> assertThat(Cfn.normalize(m.get("Dimensions")))
                    .isEqualTo(Cfn.normalize(dimensions)));
        }
        assertThat(metrics).filteredOn(m -> m.containsKey("Expression")).singleElement()
                .satisfies(m -> assertThat(m.get("Expression").toString()).contains("FILL(r5, 0)"));
    }

    @Test
    void deadLetteredMessagesAlarmLongBeforeTheyExpire() {
        for (String queue : List.of(EVENT_DLQ, FAILURE_QUEUE)) {
            String name = queue.equals(EVENT_DLQ) ? "EventDlqAgingAlarm" : "FailureQueueAgingAlarm";
            assertThat(alarm(name)).containsEntry("Namespace", "AWS/SQS")
                    .containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
                    .containsEntry("Dimensions", List.of(Map.of("Name", "QueueName", "Value", getAtt(queue, "QueueName"))));
            int threshold = ((Number) alarm(name).get("Threshold")).intValue();
            assertThat(threshold).as(name).isEqualTo(10 * 24 * 3600).isLessThan(14 * 24 * 3600);
        }
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
