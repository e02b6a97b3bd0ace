package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Reads alerts back from the SQS queue subscribed to the topic, as an SQS subscriber receives them: the SNS
 * envelope with Subject, Message and MessageAttributes.
 */
public final class AlertInbox {
    /** One alert as a subscriber sees it. {@code body} is what SNS delivers to this protocol. */
    public record ReceivedAlert(String subject, String body, String emailText, Map<String, String> attributes,
                                String envelope) {
        public JsonNode json() {
            return Json.parse(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;

    public AlertInbox(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Drains the queue: every alert delivered so far. */
    public List<ReceivedAlert> drain() {
        List<ReceivedAlert> alerts = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return alerts;
            }
            for (Message message : messages) {
                alerts.add(parse(message.body()));
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    static ReceivedAlert parse(String envelopeText) {
        JsonNode envelope = Json.parse(envelopeText.getBytes(StandardCharsets.UTF_8));
        String message = Json.text(envelope, "Message");
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attributeNode = envelope.get("MessageAttributes");
        if (attributeNode != null) {
            attributeNode.properties().forEach(e -> attributes.put(e.getKey(), Json.text(e.getValue(), "Value")));
        }
        return new ReceivedAlert(Json.text(envelope, "Subject"), view(message, "sqs"), view(message, "email"),
                attributes, envelopeText);
    }

    /**
     * Real SNS delivers only a protocol's own entry (e.g. "sqs") of a {@code MessageStructure=json} message to SQS subscribers;
     * fauxqs delivers the whole structure, so pick the entry here exactly as SNS would.
     */
    static String view(String message, String protocol) {
        if (message != null && message.startsWith("{")) {
            JsonNode structure = Json.parse(message.getBytes(StandardCharsets.UTF_8));
            if (structure.has("default")) {
                return structure.has(protocol) ? structure.get(protocol).asText() : structure.get("default").asText();
            }
        }
        return message;
    }
}
