package io.github.optimizationjobtracker.clients;

import io.github.optimizationjobtracker.config.ServiceEndpoints;

import io.github.optimizationjobtracker.sagemaker.RawResponseCapture;
import io.github.optimizationjobtracker.snapstart.PrimingHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK clients once per container: explicit region, explicit credentials provider, one lightweight
 * HTTP client shared by all, and endpoint overrides only when configured (local stand-ins).
 */
public final class AwsClients implements AutoCloseable {
    /** SageMaker throttles Describe/List calls per account; give it more attempts than the default three. */
    private static final int SAGEMAKER_MAX_ATTEMPTS = 6;

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final ServiceEndpoints endpoints;
    private final PrimingHttpClient httpClient;
    private final UnaryOperator<ClientOverrideConfiguration.Builder> customizer;

    public AwsClients(Region region, AwsCredentialsProvider credentials, ServiceEndpoints endpoints) {
        this(region, credentials, endpoints, UnaryOperator.identity());
    }

    /** Seam for tests: {@code customizer} may add interceptors (fault injection) to every client. */
    public AwsClients(Region region, AwsCredentialsProvider credentials, ServiceEndpoints endpoints,
                      UnaryOperator<ClientOverrideConfiguration.Builder> customizer) {
        this.region = region;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.customizer = customizer;
        this.httpClient = new PrimingHttpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build());
    }

    /**
     * Credentials as Lambda provides them. Under SnapStart, Lambda serves credentials from a container endpoint
     * that keeps working after restore, so prefer it; otherwise the environment variables; outside Lambda
     * (a developer's machine talking to real AWS) the default chain.
     */
    public static AwsCredentialsProvider lambdaCredentials(Map<String, String> env) {
        if (env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            return ContainerCredentialsProvider.builder().build();
        }
        if (env.containsKey("AWS_ACCESS_KEY_ID") && env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The shared HTTP client; tests read how many requests it answered while priming. */
    public PrimingHttpClient httpClient() {
        return httpClient;
    }

    public Region region() {
        return region;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), endpoints.dynamoDb()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), endpoints.sns()).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), endpoints.eventBridge()).build();
    }

    public SageMakerClient sageMaker() {
        return configure(SageMakerClient.builder(), endpoints.sageMaker())
                .overrideConfiguration(customizer.apply(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(SAGEMAKER_MAX_ATTEMPTS)
                                .build())
                        .addExecutionInterceptor(new RawResponseCapture()))
                        .build())
                .build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, Optional<URI> endpoint) {
        builder.region(region).credentialsProvider(credentials).httpClient(httpClient)
                .overrideConfiguration(customizer.apply(ClientOverrideConfiguration.builder()).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        httpClient.close();
    }
}
