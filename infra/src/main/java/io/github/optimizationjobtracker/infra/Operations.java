package io.github.optimizationjobtracker.infra;

import io.github.optimizationjobtracker.event.EventRoutes;
import io.github.optimizationjobtracker.processor.RecordedLogLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What tells an operator that the tracker is not doing its job: an alarm for every way an event or an alert can be
 * lost or late, each notifying the operations topic (and again when it recovers), and a dashboard of the functions,
 * the queues and the tracker's own metrics.
 */
final class Operations extends Construct {
    /** What the alarms and the dashboard watch; the chat topic and the forwarding rule may be absent. */
    record Watched(Function processor, Function poller, Queue eventDlq, Queue failureQueue, Topic alertTopic,
                   Topic chatTopic, Topic opsTopic, List<Rule> processorRules, Rule forwardRule, EventBus trackerBus) {
    }

    private final Function processor;
    private final Function poller;
    private final Queue eventDlq;
    private final Queue failureQueue;
    private final Topic alertTopic;
    private final Topic chatTopic;
    private final Topic opsTopic;
    private final List<Rule> processorRules;
    private final Rule forwardRule;
    private final EventBus trackerBus;
    private String dashboardName;

    Operations(Construct scope, String id, Watched watched, TrackerSettings settings) {
        super(scope, id);
        this.processor = watched.processor();
        this.poller = watched.poller();
        this.eventDlq = watched.eventDlq();
        this.failureQueue = watched.failureQueue();
        this.alertTopic = watched.alertTopic();
        this.chatTopic = watched.chatTopic();
        this.opsTopic = watched.opsTopic();
        this.processorRules = watched.processorRules();
        this.forwardRule = watched.forwardRule();
        this.trackerBus = watched.trackerBus();
        dashboard(alarms(settings));
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

        // Silent loss: each of these means an alert or an event went nowhere, with nothing else to show for it.
        alarms.add(alarm("AlertDeliveryFailuresAlarm", Metric.Builder.create().namespace("AWS/SNS")
                        .metricName("NumberOfNotificationsFailed")
                        .dimensionsMap(Map.of("TopicName", alertTopic.getTopicName())).statistic("Sum")
                        .period(fiveMinutes).build(), 1, 1,
                "SNS could not deliver alerts to a subscriber (endpoint gone, SQS or Lambda permission, KMS). The alert"
                        + " was published but someone did not get it: check the topic's delivery logs and subscriptions."));
        if (chatTopic != null) {
            alarms.add(alarm("ChatDeliveryFailuresAlarm", Metric.Builder.create().namespace("AWS/SNS")
                            .metricName("NumberOfNotificationsFailed")
                            .dimensionsMap(Map.of("TopicName", chatTopic.getTopicName())).statistic("Sum")
                            .period(fiveMinutes).build(), 1, 1,
                    "SNS could not deliver alerts to the chat channel (Amazon Q Developer's subscription, the channel"
                            + " configuration). The e-mail and other subscribers of the alert topic are not affected."));
        }
        alarms.add(alarm("ProcessorDestinationFailuresAlarm", Metric.Builder.create().namespace("AWS/Lambda")
                        .metricName("DestinationDeliveryFailures")
                        .dimensionsMap(Map.of("FunctionName", processor.getFunctionName())).statistic("Sum")
                        .period(fiveMinutes).build(), 1, 1,
                "Lambda could not put a failed event into the failure queue (queue or key permissions): that event"
                        + " is lost. Fix the permission; find the event id in the processor's log."));
        alarms.add(alarm("RuleDeadLetterFailuresAlarm", deadLetterFailures(fiveMinutes), 1, 1,
                "EventBridge could neither deliver an event to the processor nor put it in the event DLQ (queue or"
                        + " key policy): that event is lost. Fix the policy; the poller re-emits changes it still sees."));
        alarms.add(alarm("EventDlqAgingAlarm", eventDlq.metricApproximateAgeOfOldestMessage(max5),
                (int) TrackerStack.DLQ_AGE_ALARM.toSeconds(), 1,
                "A message in the event DLQ is " + TrackerStack.DLQ_AGE_ALARM.toDays() + " days old; the queue drops messages after "
                        + TrackerStack.DLQ_RETENTION.toDays() + " days. Redrive or read it now (see README)."));
        alarms.add(alarm("FailureQueueAgingAlarm", failureQueue.metricApproximateAgeOfOldestMessage(max5),
                (int) TrackerStack.DLQ_AGE_ALARM.toSeconds(), 1,
                "A message in the failure queue is " + TrackerStack.DLQ_AGE_ALARM.toDays() + " days old; the queue drops messages"
                        + " after " + TrackerStack.DLQ_RETENTION.toDays() + " days. Replay or read it now (see README)."));
        if (forwardRule != null) {
            alarms.add(alarm("ForwardingFailuresAlarm", ruleMetric("FailedInvocations", forwardRule, true,
                            fiveMinutes), 1, 1,
                    "The tracker's state changes could not be copied to the default bus (the forwarding role):"
                            + " other teams' rules there miss them. The tracker itself is unaffected."));
        }

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
        alarms.add(LogicalIds.pin(stale, "PollerHeartbeatMissingAlarm"));

        SnsAction notify = new SnsAction(opsTopic);
        alarms.forEach(a -> {
            a.addAlarmAction(notify);
            a.addOkAction(notify);
        });
        return alarms;
    }

    /** InvocationsFailedToBeSentToDlq summed over the processor's rules (a rule's metric exists once it fails). */
    private MathExpression deadLetterFailures(Duration period) {
        Map<String, IMetric> metrics = new LinkedHashMap<>();
        for (int i = 0; i < processorRules.size(); i++) {
            Rule rule = processorRules.get(i);
            boolean onTrackerBus = EventRoutes.PROCESSOR_ROUTES.get(i).bus() == EventRoutes.Bus.TRACKER;
            metrics.put("r" + i, ruleMetric("InvocationsFailedToBeSentToDlq", rule, onTrackerBus, period));
        }
        return MathExpression.Builder.create()
                .expression(String.join(" + ", metrics.keySet().stream().map(k -> "FILL(" + k + ", 0)").toList()))
                .usingMetrics(metrics)
                .label("Events that reached neither the processor nor the event DLQ")
                .period(period)
                .build();
    }

    /**
     * A rule's metric. On a custom bus EventBridge publishes it with the bus name as a second dimension, and
     * CloudFormation's Ref of such a rule is "bus|rule", not the rule's name: the name is the part after the bar.
     */
    private Metric ruleMetric(String name, Rule rule, boolean onTrackerBus, Duration period) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        if (onTrackerBus) {
            dimensions.put("RuleName", Fn.select(1, Fn.split("|", rule.getRuleName())));
            dimensions.put("EventBusName", trackerBus.getEventBusName());
        } else {
            dimensions.put("RuleName", rule.getRuleName());
        }
        return Metric.Builder.create().namespace("AWS/Events").metricName(name).dimensionsMap(dimensions)
                .statistic("Sum").period(period).build();
    }

    private Alarm alarm(String name, IMetric metric, int threshold, int evaluationPeriods, String description) {
        return LogicalIds.pin(Alarm.Builder.create(this, name)
                .metric(metric)
                .alarmDescription(description)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(evaluationPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build(), name);
    }

    private void dashboard(List<Alarm> alarms) {
        Duration period = Duration.minutes(5);
        Dashboard dashboard = Dashboard.Builder.create(this, "Dashboard")
                .defaultInterval(Duration.days(1))
                .build();
        LogicalIds.pin(dashboard, "Dashboard");
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
                        "filter level = \"INFO\" and message like /^" + RecordedLogLine.PREFIX + "/",
                        "stats count(*) as events by status, bin(5m)"))
                .view(LogQueryVisualizationType.STACKEDAREA)
                .width(12).build();
        GraphWidget alerts = GraphWidget.Builder.create()
                .title("Events, alerts, rejections, duplicates")
                .left(List.of(
                        custom(MetricNames.EVENTS_PROCESSED, "Sum"),
                        custom(MetricNames.ALERTS_PUBLISHED, "Sum"),
                        custom(MetricNames.EVENTS_REJECTED, "Sum"),
                        custom(MetricNames.CREATES_REJECTED, "Sum"),
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
        dashboardName = dashboard.getDashboardName();
    }

    String dashboardName() {
        return dashboardName;
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

}
