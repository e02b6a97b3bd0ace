package io.github.optimizationjobtracker.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Redacts credential-looking values in environment maps ({@code OptimizationEnvironment},
 * {@code OverrideEnvironment}, CloudTrail's {@code optimizationEnvironment}, ...) anywhere in a document, before it
 * is stored or published. Keys are matched by the words credentials are usually named with.
 */
public final class SecretRedactor {
    public static final String REDACTED = "***REDACTED***";
    private static final Pattern CREDENTIAL_KEY = Pattern.compile(
            ".*(TOKEN|SECRET|PASSWORD|PASSWD|PWD|KEY|CREDENTIAL|AUTH|PRIVATE|SESSION|SIGNATURE|CERT).*");

    private SecretRedactor() {
    }

    public static boolean looksLikeCredential(String key) {
        return CREDENTIAL_KEY.matcher(key.toUpperCase(Locale.ROOT)).matches();
    }

    /** Redacts in place and returns the number of values redacted. */
    public static int redact(JsonNode node) {
        int redacted = 0;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (field.getKey().toLowerCase(Locale.ROOT).endsWith("environment") && value instanceof ObjectNode env) {
                    redacted += redactEnvironment(env);
                } else {
                    redacted += redact(value);
                }
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                redacted += redact(element);
            }
        }
        return redacted;
    }

    private static int redactEnvironment(ObjectNode env) {
        int redacted = 0;
        for (Map.Entry<String, JsonNode> variable : env.properties()) {
            if (looksLikeCredential(variable.getKey()) && !REDACTED.equals(variable.getValue().asText())) {
                variable.setValue(env.textNode(REDACTED));
                redacted++;
            }
        }
        return redacted;
    }
}
