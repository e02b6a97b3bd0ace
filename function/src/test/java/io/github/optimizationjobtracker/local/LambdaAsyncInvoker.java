package io.github.optimizationjobtracker.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Delivers an event the way Lambda's asynchronous invocation does for EventBridge targets: up to three attempts,
 * and when all fail, a record on the on-failure destination (an SQS dead-letter queue) with the event and the
 * last error. The real retry delays (one, then two minutes) are shortened to {@code retryDelay}.
 */
public final class LambdaAsyncInvoker {
    public static final int MAX_ATTEMPTS = 3;

    /** How a delivery ended. */
    public record Delivery(boolean succeeded, int attempts, String output, String lastError) {
    }

    private final RequestStreamHandler handler;
    private final DeadLetterQueue deadLetters;
    private final Duration retryDelay;

    public LambdaAsyncInvoker(RequestStreamHandler handler, DeadLetterQueue deadLetters, Duration retryDelay) {
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
    }

    public Delivery deliver(byte[] event) {
        Exception last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), output, new LocalContext("processor", 30));
                return new Delivery(true, attempt, output.toString(StandardCharsets.UTF_8), last == null ? null : last.toString());
            } catch (Exception e) {
                last = e;
                if (attempt < MAX_ATTEMPTS) {
                    pause();
                }
            }
        }
        deadLetters.send(onFailureRecord(event, last));
        return new Delivery(false, MAX_ATTEMPTS, null, last.toString());
    }

    /** The shape of Lambda's on-failure destination record. */
    static String onFailureRecord(byte[] event, Exception error) {
        ObjectNode record = Json.object();
        ObjectNode context = record.putObject("requestContext");
        context.put("condition", "RetriesExhausted");
        context.put("approximateInvokeCount", MAX_ATTEMPTS);
        String text = new String(event, StandardCharsets.UTF_8);
        try {
            record.set("requestPayload", Json.parse(event));
        } catch (RuntimeException notJson) {
            record.put("requestPayload", text);
        }
        ObjectNode response = record.putObject("responsePayload");
        response.put("errorType", error.getClass().getName());
        response.put("errorMessage", error.getMessage());
        return Json.write(record);
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where exhausted events go. */
    @FunctionalInterface
    public interface DeadLetterQueue {
        void send(String record);
    }
}
