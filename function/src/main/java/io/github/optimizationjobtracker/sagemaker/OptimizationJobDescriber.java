package io.github.optimizationjobtracker.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** Calls DescribeOptimizationJob and keeps the whole response. Throttling and 5xx are retried by the SDK. */
public final class OptimizationJobDescriber {
    private final SageMakerClient sageMaker;

    public OptimizationJobDescriber(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    /**
     * Several SageMaker Describe APIs report a missing resource as {@code ValidationException: ... not found}
     * rather than {@code ResourceNotFound}; treat both as "gone".
     */
    static boolean isNotFoundValidationError(SageMakerException e) {
        return e.statusCode() == 400 && e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode())
                && e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found");
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
        } catch (SageMakerException e) {
            if (isNotFoundValidationError(e)) {
                return Optional.empty();
            }
            throw e;
        }
        JsonNode raw = body.get() == null ? null : Json.parse(body.get());
        if (!(raw instanceof ObjectNode document)) {
            throw new IllegalStateException("DescribeOptimizationJob returned no JSON object for " + jobName);
        }
        return Optional.of(OptimizationJob.fromDescribeResponse(document));
    }
}
