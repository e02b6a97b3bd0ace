package io.github.optimizationjobtracker.alert;

import java.util.Map;

/**
 * One SNS alert. {@code structuredMessage} is the {@code MessageStructure=json} document: readable text for e-mail
 * and the default, a JSON document with the same facts for SQS, Lambda, HTTP(S) and e-mail-json subscribers.
 */
public record AlertMessage(String subject, String structuredMessage, Map<String, String> attributes) {
}
