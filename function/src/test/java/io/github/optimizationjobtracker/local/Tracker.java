package io.github.optimizationjobtracker.local;

import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import io.github.optimizationjobtracker.poller.PollerFactory;
import io.github.optimizationjobtracker.event.EventRoutes;
import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.processor.ProcessorFactory;
import io.github.optimizationjobtracker.processor.ProcessorHandler;
import io.github.optimizationjobtracker.store.JobHistory;
import io.github.optimizationjobtracker.store.TableLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One isolated deployment of the processor on the shared stand-ins: its own table, topic, alert inbox and
 * dead-letter queue, the real handler built by the production factory, invoked as Lambda's async invoke would.
 */
final class Tracker implements AutoCloseable {
    final StandIns standIns = SharedStandIns.get();
    final LocalEnvironment env = standIns.environment();
    final String table = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
    final FaultInjector faults = new FaultInjector();
    final RecordingMetrics metrics = new RecordingMetrics();
    final DynamoDbClient dynamoDb = env.dynamoDbClient();
    final SqsClient sqs = env.sqsClient();
    final String inboxUrl;
    final String deadLetterUrl;
    final ProcessorHandler handler;
    final LambdaAsyncInvoker invoker;
    final JobHistory queries;
    final ProcessorConfig config;
    private final Duration alertLease;
    private final Duration retryDelay;
    private final AlertInbox inbox;
    /** The chat topic's subscriber, when the deployment has a chat topic ({@link #CHAT}). */
    private final AlertInbox chatInbox;
    /** Give {@code CHAT_TOPIC_ARN} this value to deploy with a chat topic (created here, with its own inbox). */
    static final String CHAT = "create";
    private final List<ReceivedAlert> alerts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> deadLetters = Collections.synchronizedList(new ArrayList<>());

    Tracker() {
        this("FAILED", ProcessorFactory.ALERT_CLAIM_LEASE, Duration.ofMillis(50));
    }

    Tracker(String alertStatuses, Duration alertLease, Duration retryDelay) {
        this(Map.of(EnvironmentVariables.ALERT_STATUSES, alertStatuses), alertLease, retryDelay);
    }

    /** A deployment with these processor settings (environment variables) on top of the defaults. */
    Tracker(Map<String, String> settings) {
        this(settings, ProcessorFactory.ALERT_CLAIM_LEASE, Duration.ofMillis(50));
    }

    private Tracker(Map<String, String> settings, Duration alertLease, Duration retryDelay) {
        standIns.reset();
        LocalResources.createTable(dynamoDb, table);
        String topic = table + "-alerts";
        try (var sns = env.snsClient()) {
            inboxUrl = LocalResources.createTopicWithInbox(sns, sqs, topic, table + "-inbox");
        }
        deadLetterUrl = sqs.createQueue(r -> r.queueName(table + "-dlq")).queueUrl();
        Map<String, String> variables = new java.util.HashMap<>(env.processorVariables());
        variables.put(EnvironmentVariables.TABLE_NAME, table);
        variables.put(EnvironmentVariables.ALERT_TOPIC_ARN,
                "arn:aws:sns:" + LocalEnvironment.REGION + ":" + LocalEnvironment.ACCOUNT + ":" + topic);
        variables.putAll(settings);
        if (CHAT.equals(settings.get(EnvironmentVariables.CHAT_TOPIC_ARN))) {
            String chatTopic = table + "-chat";
            try (var sns = env.snsClient()) {
                chatInbox = new AlertInbox(sqs, LocalResources.createTopicWithInbox(sns, sqs, chatTopic,
                        table + "-chat-inbox"));
            }
            variables.put(EnvironmentVariables.CHAT_TOPIC_ARN,
                    "arn:aws:sns:" + LocalEnvironment.REGION + ":" + LocalEnvironment.ACCOUNT + ":" + chatTopic);
        } else {
            chatInbox = null;
        }
        config = ProcessorConfig.fromEnvironment(variables);
        this.alertLease = alertLease;
        this.retryDelay = retryDelay;
        handler = newHandler();
        invoker = invokerFor(handler);
        queries = new JobHistory(dynamoDb, table);
        inbox = new AlertInbox(sqs, inboxUrl);
    }

    /** Another Lambda container of the same function: its own clients and handler, same table and topic. */
    ProcessorHandler newHandler() {
        AwsClients clients = new AwsClients(config.region(), LocalEnvironment.CREDENTIALS, config.endpoints(),
                builder -> builder.addExecutionInterceptor(faults));
        return new ProcessorHandler(ProcessorFactory.create(config, clients, metrics, alertLease), metrics);
    }

    LambdaAsyncInvoker invokerFor(ProcessorHandler containerHandler) {
        return new LambdaAsyncInvoker(containerHandler,
                record -> sqs.sendMessage(r -> r.queueUrl(deadLetterUrl).messageBody(record)), retryDelay);
    }

    Delivery deliver(byte[] event) {
        return invoker.deliver(event);
    }

    Delivery deliver(String json) {
        return deliver(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Puts an event where its publisher would (the tracker's events on the tracker's bus, AWS's on the default
     * bus) and delivers whatever the stack's rules pass to the processor: nothing, when no rule matches.
     */
    List<Delivery> put(String json) {
        return put(EventBridgeRules.busOf(json), json);
    }

    /** Puts an event on the given bus, as anyone allowed to put events there could. */
    List<Delivery> put(EventRoutes.Bus bus, String json) {
        List<Delivery> deliveries = new ArrayList<>();
        for (EventBridgeRules.Delivery routed : EventBridgeRules.route(bus, json)) {
            deliveries.add(deliver(routed.input()));
        }
        return deliveries;
    }

    /**
     * One run of the real poller against the SageMaker stand-in, into this tracker's table, and the events it
     * emitted put on the tracker's bus (where the rules pass them to the processor).
     */
    List<Delivery> poll() {
        List<Delivery> deliveries = new ArrayList<>();
        for (String event : pollOnly()) {
            deliveries.addAll(put(EventRoutes.Bus.TRACKER, event));
        }
        return deliveries;
    }

    /** One run of the real poller; returns the events it emitted, delivered to no one yet. */
    List<String> pollOnly() {
        Map<String, String> variables = new java.util.HashMap<>(env.pollerVariables());
        variables.put(EnvironmentVariables.TABLE_NAME, table);
        variables.put(EnvironmentVariables.POLL_BACKFILL_HOURS, "ALL");
        PollerConfig pollerConfig = PollerConfig.fromEnvironment(variables);
        standIns.eventBridge().drain();
        PollerFactory.create(pollerConfig, new AwsClients(pollerConfig.region(), LocalEnvironment.CREDENTIALS,
                        pollerConfig.endpoints(), builder -> builder.addExecutionInterceptor(faults)), metrics,
                java.time.Clock.systemUTC(), Duration.ofSeconds(15), 1).poll(() -> 60_000);
        return standIns.eventBridge().drain();
    }

    /**
     * Records, as the poller does when it emits a state change, that it saw this job incarnation in this status:
     * for scenarios that hand-make the poller's event instead of running it.
     */
    void pollerEmitted(String job, java.time.Instant created, String status, java.time.Instant changed) {
        new io.github.optimizationjobtracker.store.EmittedChanges(dynamoDb, table).recordAll(List.of(
                new io.github.optimizationjobtracker.store.EmittedChanges.Emitted(job, created, status, changed)),
                java.time.Instant.now());
    }

    /** Puts the event and expects exactly one rule to deliver it. */
    Delivery putOne(String json) {
        List<Delivery> deliveries = put(json);
        if (deliveries.size() != 1) {
            throw new AssertionError(deliveries.size() + " rules delivered the event, expected 1: " + json);
        }
        return deliveries.get(0);
    }

    /** Every alert delivered so far (accumulates across calls). */
    /** Every chat message delivered so far (their bodies are the custom-notification documents). */
    List<ReceivedAlert> chatMessages() {
        return chatInbox == null ? List.of() : chatInbox.drain();
    }

    List<ReceivedAlert> alerts() {
        alerts.addAll(inbox.drain());
        return List.copyOf(alerts);
    }

    /** Every record the dead-letter queue received so far (accumulates across calls). */
    List<String> deadLetters() {
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                return List.copyOf(deadLetters);
            }
            messages.forEach(m -> {
                deadLetters.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(deadLetterUrl).receiptHandle(m.receiptHandle()));
            });
        }
    }

    List<Map<String, AttributeValue>> history(String job) {
        return queries.history(job);
    }

    List<Map<String, AttributeValue>> allItems() {
        return dynamoDb.scan(r -> r.tableName(table)).items();
    }

    long currentRecords() {
        return allItems().stream().filter(i -> TableLayout.CURRENT_RECORD_KEY.equals(i.get(TableLayout.SORT_KEY).s())).count();
    }

    long historyEntries() {
        return allItems().stream().filter(i -> i.get(TableLayout.SORT_KEY).s().startsWith(TableLayout.HISTORY_PREFIX)).count();
    }

    String currentStatus(String job) {
        return queries.currentRecord(job).map(i -> i.get(TableLayout.CURRENT_STATUS).s()).orElse(null);
    }

    @Override
    public void close() {
        dynamoDb.deleteTable(r -> r.tableName(table));
        dynamoDb.close();
        sqs.close();
    }
}
