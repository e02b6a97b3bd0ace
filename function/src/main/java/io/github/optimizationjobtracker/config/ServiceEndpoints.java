package io.github.optimizationjobtracker.config;

import java.net.URI;
import java.util.Optional;

/**
 * Endpoint overrides for the local run, tests and {@code sam local invoke}. Empty in AWS, where the SDK's own
 * endpoints are used: the code path is otherwise the production one.
 */
public record ServiceEndpoints(Optional<URI> dynamoDb, Optional<URI> sns, Optional<URI> sageMaker,
                               Optional<URI> eventBridge) {

    public static ServiceEndpoints none() {
        return new ServiceEndpoints(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static ServiceEndpoints from(EnvironmentReader env) {
        return new ServiceEndpoints(
                env.endpoint(EnvironmentVariables.ENDPOINT_DYNAMODB),
                env.endpoint(EnvironmentVariables.ENDPOINT_SNS),
                env.endpoint(EnvironmentVariables.ENDPOINT_SAGEMAKER),
                env.endpoint(EnvironmentVariables.ENDPOINT_EVENTBRIDGE));
    }

    public boolean anyOverridden() {
        return dynamoDb.isPresent() || sns.isPresent() || sageMaker.isPresent() || eventBridge.isPresent();
    }
}
