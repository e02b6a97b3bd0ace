package io.github.optimizationjobtracker.local;

import io.github.optimizationjobtracker.config.AwsClients;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import io.github.optimizationjobtracker.local.AlertInbox.ReceivedAlert;
import io.github.optimizationjobtracker.local.LambdaAsyncInvoker.Delivery;
import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.processor.ProcessorFactory;
import io.github.optimizationjobtracker.processor.ProcessorHandler;
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
    final JobHistoryQueries queries;
    final ProcessorConfig config;
    private final Duration alertLease;
    private final Duration retryDelay;
    private final AlertInbox inbox;
    private final List<ReceivedAlert> alerts = Collections.synchronizedList(new ArrayList<>());

    Tracker() {
        this("FAILED", ProcessorFactory.ALERT_CLAIM_LEASE, Duration.ofMillis(50));
    }

    Tracker(String alertStatuses, Duration alertLease, Duration retryDelay) {
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
        variables.put(EnvironmentVariables.ALERT_STATUSES, alertStatuses);
        config = ProcessorConfig.fromEnvironment(variables);
        this.alertLease = alertLease;
        this.retryDelay = retryDelay;
        handler = newHandler();
        invoker = invokerFor(handler);
        queries = new JobHistoryQueries(dynamoDb, table);
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

    /** Every alert delivered so far (accumulates across calls). */
    List<ReceivedAlert> alerts() {
        alerts.addAll(inbox.drain());
        return List.copyOf(alerts);
    }

    List<String> deadLetters() {
        List<String> records = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(deadLetterUrl).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                return records;
            }
            messages.forEach(m -> {
                records.add(m.body());
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
