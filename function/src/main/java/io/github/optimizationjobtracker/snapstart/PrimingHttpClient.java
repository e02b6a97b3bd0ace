package io.github.optimizationjobtracker.snapstart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client every SDK client uses. Normally it passes requests through. While priming a SnapStart snapshot
 * it answers them itself with canned, successful responses, so the whole first-event path runs (serialization,
 * marshalling, signing, unmarshalling, our code) and no request leaves the process: nothing is read, written or
 * published, whatever the function's permissions.
 */
public final class PrimingHttpClient implements SdkHttpClient {
    private static final ThreadLocal<Boolean> PRIMING = ThreadLocal.withInitial(() -> false);
    private final SdkHttpClient delegate;
    private final AtomicInteger cannedResponses = new AtomicInteger();

    public PrimingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code work} on this thread with every SDK request answered in-process. */
    public static <T> T priming(Supplier<T> work) {
        PRIMING.set(true);
        try {
            return work.get();
        } finally {
            PRIMING.set(false);
        }
    }

    /** How many requests were answered in-process (for tests). */
    public int cannedResponses() {
        return cannedResponses.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!PRIMING.get()) {
            return delegate.prepareRequest(request);
        }
        cannedResponses.incrementAndGet();
        CannedResponses.Canned canned = CannedResponses.answer(request.httpRequest(), body(request));
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", canned.contentType())
                                .putHeader("Content-Length", Integer.toString(bytes.length))
                                .putHeader("x-amzn-RequestId", "snapstart-priming").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    private static String body(HttpExecuteRequest request) {
        return request.contentStreamProvider().map(provider -> {
            try (var in = provider.newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "";
            }
        }).orElse("");
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The SDK request of a canned answer, for tests and logs. */
    static String describe(SdkHttpRequest request) {
        return request.firstMatchingHeader("X-Amz-Target").orElse(request.host());
    }
}
