package io.github.optimizationjobtracker.alert;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes alerts to an SNS topic and returns the message id. */
public final class AlertPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public AlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    public String publish(AlertMessage alert) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((name, value) -> attributes.put(name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        return sns.publish(r -> r.topicArn(topicArn)
                .subject(alert.subject())
                .messageStructure("json")
                .message(alert.structuredMessage())
                .messageAttributes(attributes)).messageId();
    }

    /** A message as it is, to every protocol: what Amazon Q Developer in chat applications reads. */
    public String publishPlain(String message) {
        return sns.publish(r -> r.topicArn(topicArn).message(message)).messageId();
    }
}
