package io.github.optimizationjobtracker.local;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Makes the next N calls of an operation (e.g. DynamoDB PutItem, SNS Publish) fail, as an outage would. */
final class FaultInjector implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private final Map<String, Integer> failOnCall = new ConcurrentHashMap<>();

    FaultInjector failNext(String service, String operation, int times) {
        failures.put(service + ":" + operation, new AtomicInteger(times));
        return this;
    }

    /** Fails only the n-th call (counting from 1, from now on) of an operation. */
    FaultInjector failCall(String service, String operation, int nth) {
        String key = service + ":" + operation;
        failOnCall.put(key, calls(service, operation) + nth);
        return this;
    }

    private final Map<String, AtomicInteger> lostResponses = new ConcurrentHashMap<>();

    /** The next N calls reach the service and succeed there, but the caller sees a failure (a lost response). */
    FaultInjector loseNextResponses(String service, String operation, int times) {
        lostResponses.put(service + ":" + operation, new AtomicInteger(times));
        return this;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        AtomicInteger remaining = lostResponses.get(key);
        if (remaining != null && remaining.getAndDecrement() > 0) {
            throw SdkClientException.create("injected lost response: " + key + " succeeded but the reply was lost");
        }
    }

    int calls(String service, String operation) {
        AtomicInteger count = calls.get(service + ":" + operation);
        return count == null ? 0 : count.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String key = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Integer doomed = failOnCall.get(key);
        if (doomed != null && doomed == call) {
            throw SdkClientException.create("injected outage: " + key + " call " + call + " is unavailable");
        }
        AtomicInteger remaining = failures.get(key);
        if (remaining != null && remaining.getAndDecrement() > 0) {
            throw SdkClientException.create("injected outage: " + key + " is unavailable");
        }
    }
}
