package io.github.optimizationjobtracker.sagemaker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Hands the raw JSON body of a successful response to a per-request sink. The typed SDK response only holds the
 * members this SDK version knows; the raw body also holds members SageMaker added later, which we must keep.
 */
public final class RawResponseCapture implements ExecutionInterceptor {
    /** Put a sink on a request's override configuration to receive that request's response body. */
    public static final ExecutionAttribute<Consumer<byte[]>> SINK = new ExecutionAttribute<>("RawResponseSink");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Consumer<byte[]> sink = attributes.getAttribute(SINK);
        Optional<InputStream> body = context.responseBody();
        if (sink == null || body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            sink.accept(bytes);
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("reading SageMaker response body", e);
        }
    }
}
