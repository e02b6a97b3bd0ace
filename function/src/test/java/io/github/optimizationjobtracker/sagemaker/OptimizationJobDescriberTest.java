package io.github.optimizationjobtracker.sagemaker;

import static io.github.optimizationjobtracker.local.SageMakerStandIn.DESCRIBE;
import static io.github.optimizationjobtracker.local.SageMakerStandIn.error;
import static io.github.optimizationjobtracker.local.SageMakerStandIn.ok;
import static io.github.optimizationjobtracker.local.SageMakerStandIn.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.ServiceEndpoints;
import io.github.optimizationjobtracker.job.JobStatus;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.local.SageMakerStandIn;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeOptimizationJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeOptimizationJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * What SageMaker's answers mean, through the real SDK client against SageMaker's wire protocol: only "this job
 * does not exist" means gone. Any other error that outlasts the SDK's retries fails the call, so the event is
 * retried and, in the end, dead-lettered; it must never pass for a deletion.
 */
class OptimizationJobDescriberTest {
    private static SageMakerStandIn sageMaker;
    private static AwsClients clients;
    private static OptimizationJobDescriber describer;

    @BeforeAll
    static void start() {
        sageMaker = new SageMakerStandIn();
        ServiceEndpoints endpoints = new ServiceEndpoints(Optional.empty(), Optional.empty(),
                Optional.of(URI.create(sageMaker.endpoint())), Optional.empty());
        // The SDK's own back-off is not what is tested here: retry at once, as often as the tracker's client would.
        clients = new AwsClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), endpoints,
                override -> override.retryStrategy() instanceof
                        software.amazon.awssdk.retries.StandardRetryStrategy standard
                        ? override.retryStrategy(standard.toBuilder()
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build())
                        : override);
        describer = new OptimizationJobDescriber(clients.sageMaker());
    }

    @AfterAll
    static void stop() {
        clients.close();
        sageMaker.close();
    }

    @BeforeEach
    void reset() {
        sageMaker.server().resetAll();
    }

    @Test
    void aJobSageMakerKnowsIsReturnedWhole() {
        sageMaker.server().stubFor(operation(DESCRIBE).willReturn(ok(
                "{\"OptimizationJobName\":\"j\",\"OptimizationJobStatus\":\"FAILED\",\"CreationTime\":1764230000.5,"
                        + "\"LastModifiedTime\":1764230100,\"FailureReason\":\"boom\",\"SomethingNewer\":{\"a\":1}}")));

        OptimizationJob job = describer.describe("j").orElseThrow();

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.failureReason()).isEqualTo("boom");
        assertThat(job.document().at("/SomethingNewer/a").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | ResourceNotFound    | Could not find optimization job j",
            "400 | ValidationException | Optimization job j not found",
    })
    void onlyAMissingJobIsGone(int status, String code, String message) {
        sageMaker.server().stubFor(operation(DESCRIBE).willReturn(error(status, code, message)));

        assertThat(describer.describe("j")).isEmpty();
        assertThat(sageMaker.calls(DESCRIBE)).as("a missing job is not retried").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | AccessDeniedException | User is not authorized to perform sagemaker:DescribeOptimizationJob",
            "400 | ValidationException   | 1 validation error detected: Value at 'optimizationJobName' failed",
            "400 | ThrottlingException   | Rate exceeded",
            "500 | InternalFailure       | An internal error occurred",
            "503 | ServiceUnavailable    | Service unavailable",
    })
    void anyOtherErrorFailsTheCallInsteadOfPassingForADeletion(int status, String code, String message) {
        sageMaker.server().stubFor(operation(DESCRIBE).willReturn(error(status, code, message)));

        assertThatThrownBy(() -> describer.describe("j")).isInstanceOf(SageMakerException.class)
                .hasMessageContaining(code.equals("InternalFailure") || code.equals("ServiceUnavailable")
                        ? message : message.substring(0, 10));
    }

    @Test
    void aResponseWhoseBodyWasNotCapturedIsAnErrorNotAnEmptyJob() {
        // Without the capturing interceptor there is no document to keep; storing an empty job would lose it.
        SageMakerClient withoutCapture = org.mockito.Mockito.mock(SageMakerClient.class);
        org.mockito.Mockito.when(withoutCapture.describeOptimizationJob(
                        org.mockito.ArgumentMatchers.<java.util.function.Consumer<DescribeOptimizationJobRequest.Builder>>any()))
                .thenReturn(DescribeOptimizationJobResponse.builder().optimizationJobName("j").build());

        assertThatThrownBy(() -> new OptimizationJobDescriber(withoutCapture).describe("j"))
                .hasMessageContaining("no JSON object for j");
    }

    @Test
    void theMaxAttemptsAreTheTrackersNotTheSdkDefault() {
        sageMaker.server().stubFor(operation(DESCRIBE).willReturn(error(500, "InternalFailure", "try again")));

        assertThatThrownBy(() -> describer.describe("j")).isInstanceOf(SageMakerException.class);
        assertThat(sageMaker.calls(DESCRIBE)).as("attempts: SageMaker throttles per account, so more than three")
                .isEqualTo(6);
    }
}
