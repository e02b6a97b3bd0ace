package io.github.optimizationjobtracker.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every measured run is checked against the stand-ins, so that a figure never comes from work that was not done:
 * the job's current record, history entry and alert in DynamoDB, and each alert counted in the SNS topic's SQS inbox.
 */
final class StandInChecks {
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final String inboxUrl;
    private final Map<String, Integer> alertsByJob = new ConcurrentHashMap<>();
    private final Map<String, Integer> alertBytesByJob = new ConcurrentHashMap<>();

    StandInChecks(DynamoDbClient dynamoDb, SqsClient sqs, String inboxUrl) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.inboxUrl = inboxUrl;
    }

    /** The size of the last alert received for the job, or -1. */
    int alertBytes(String job) {
        return alertBytesByJob.getOrDefault(job, -1);
    }

    /** Checks the job's current record, history entry and sent alert; returns the bytes stored for it (approx.). */
    long verifyProcessed(String table, String job, String status, boolean alert) {
        List<Map<String, AttributeValue>> items = dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("JobName = :j")
                .expressionAttributeValues(Map.of(":j", AttributeValue.fromS(job)))).items();
        Optional<Map<String, AttributeValue>> current = items.stream()
                .filter(i -> "CURRENT".equals(i.get("RecordKey").s())).findFirst();
        boolean history = items.stream().anyMatch(i -> i.get("RecordKey").s().startsWith("HISTORY#")
                && status.equals(i.get("Status").s()));
        boolean sent = items.stream().anyMatch(i -> i.get("RecordKey").s().startsWith("ALERT#")
                && i.containsKey("AlertState") && "SENT".equals(i.get("AlertState").s()));
        if (current.isEmpty() || !status.equals(current.get().get("Status").s()) || !history || (alert && !sent)) {
            throw new IllegalStateException("job " + job + " was not fully processed: " + items);
        }
        return items.stream().mapToLong(StandInChecks::itemBytes).sum();
    }

    void verifyWarm(String table, String tag, int count) {
        Map<String, String> expected = new LinkedHashMap<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            String[] kind = BenchmarkFixtures.WARM_MIX[i % BenchmarkFixtures.WARM_MIX.length];
            expected.put(kind[0] + tag + "-" + i, kind[1]);
            if (kind[1].equals("FAILED")) {
                failed++;
            }
        }
        List<String> names = new ArrayList<>(expected.keySet());
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < names.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = names.subList(from, Math.min(names.size(), from + 100)).stream()
                    .map(n -> Map.of("JobName", AttributeValue.fromS(n), "RecordKey", AttributeValue.fromS("CURRENT")))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                var response = dynamoDb.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(table, List.of())
                        .forEach(item -> found.put(item.get("JobName").s(), item.get("Status").s()));
                request = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
            }
        }
        List<String> wrong = expected.entrySet().stream()
                .filter(e -> !e.getValue().equals(found.get(e.getKey()))).map(Map.Entry::getKey).limit(5).toList();
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("warm run " + tag + ": current records missing or wrong for " + wrong);
        }
        String failedPrefix = "wf-" + tag + "-";
        awaitAlerts(j -> j.startsWith(failedPrefix), failed, Duration.ofSeconds(60));
    }

    /** Waits until the inbox (SQS subscribed to the topic) holds {@code expected} alerts for matching jobs. */
    void awaitAlerts(Predicate<String> jobs, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            drainInbox();
            int seen = alertsByJob.entrySet().stream().filter(e -> jobs.test(e.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
            if (seen >= expected) {
                if (seen > expected) {
                    throw new IllegalStateException("more alerts than events: " + seen + " > " + expected);
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen + " of " + expected + " alerts arrived in " + timeout);
            }
            sleep(100);
        }
    }

    private void drainInbox() {
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(inboxUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return;
            }
            List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
            for (Message message : messages) {
                JsonNode envelope = Json.parse(message.body().getBytes(StandardCharsets.UTF_8));
                JsonNode job = envelope.path("MessageAttributes").path("jobName").path("Value");
                alertsByJob.merge(job.isMissingNode() ? "?" : job.asText(), 1, Integer::sum);
                alertBytesByJob.put(job.isMissingNode() ? "?" : job.asText(),
                        envelope.path("Message").asText().getBytes(StandardCharsets.UTF_8).length);
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(inboxUrl).entries(done));
        }
    }

    /** DynamoDB's item size rule, roughly: attribute names plus values, nested. */
    private static long itemBytes(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + valueBytes(e.getValue());
        }
        return size;
    }

    private static long valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.hasM()) {
            return 3 + itemBytes(value.m());
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(StandInChecks::valueBytes).sum();
        }
        return 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
