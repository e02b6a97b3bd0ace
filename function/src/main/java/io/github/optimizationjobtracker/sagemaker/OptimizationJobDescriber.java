package io.github.optimizationjobtracker.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/** Calls DescribeOptimizationJob and keeps the whole response. Throttling and 5xx are retried by the SDK. */
public final class OptimizationJobDescriber {
    private final SageMakerClient sageMaker;

    public OptimizationJobDescriber(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    /** The job, or empty when SageMaker no longer knows it (deleted, or never created). */
    public Optional<OptimizationJob> describe(String jobName) {
        AtomicReference<byte[]> body = new AtomicReference<>();
        try {
            sageMaker.describeOptimizationJob(request -> request
                    .optimizationJobName(jobName)
                    .overrideConfiguration(o -> o.putExecutionAttribute(RawResponseCapture.SINK, body::set)));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        JsonNode raw = body.get() == null ? null : Json.parse(body.get());
        if (!(raw instanceof ObjectNode document)) {
            throw new IllegalStateException("DescribeOptimizationJob returned no JSON object for " + jobName);
        }
        return Optional.of(OptimizationJob.fromDescribeResponse(document));
    }
}
