package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The failures the SDK reports from outside the test's reach (DNS, real AWS), each explained in one line. */
class AwsErrorsTest {
    private static TrackerException explain(Throwable failure, String region) {
        return AwsErrors.explain(failure, "optimization-jobs", region);
    }

    private static DynamoDbException refused(String code, String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void aRegionWhoseEndpointHasNoHostIsNamedAsUnknown() {
        SdkClientException failure = SdkClientException.create("Unable to execute HTTP request",
                new UnknownHostException("dynamodb.us-est-1.amazonaws.com"));

        assertThat(explain(failure, "us-est-1")).hasMessage("cannot reach dynamodb.us-est-1.amazonaws.com"
                + " ('us-est-1' is no region this tracker knows): check --region, or the network");
        assertThat(explain(failure, "eu-west-1")).hasMessage("cannot reach dynamodb.us-est-1.amazonaws.com: check"
                + " --region, or the network");
    }

    @Test
    void noCredentialsFromAnyProviderIsTheSameMessageAsNoneConfigured() {
        assertThat(explain(SdkClientException.create("Unable to load credentials from any of the providers in the"
                + " chain AwsCredentialsProviderChain(...)"), "us-east-1"))
                .hasMessage(AwsSetup.NO_CREDENTIALS).extracting(TrackerException::exitCode).isEqualTo(ExitCode.AWS);
    }

    @Test
    void refusedCredentialsAndDeniedAccessSayWhatToDo() {
        assertThat(explain(refused("UnrecognizedClientException", "The security token included in the request is"
                + " invalid."), "us-east-1")).hasMessage("AWS does not accept these credentials"
                + " (UnrecognizedClientException: The security token included in the request is invalid.): refresh"
                + " them (`aws configure`, `aws sso login`) or pass another --profile");
        assertThat(explain(refused("AccessDeniedException", "User: alice is not authorized"), "eu-west-1"))
                .hasMessage("not allowed to read table optimization-jobs in eu-west-1 (User: alice is not"
                        + " authorized): it needs dynamodb:GetItem and dynamodb:Query on the table and its indexes");
    }

    @Test
    void anUnreachableEndpointAsksWhetherTheStandInRuns() {
        SdkClientException failure = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));

        assertThat(explain(failure, "us-east-1")).hasMessage("cannot connect to AWS in us-east-1 (Connection refused):"
                + " with --endpoint-url, is the local stand-in running?");
    }

    @Test
    void aFailureThatIsNotAwssIsLeftToBeReportedAsTheTrackersOwn() {
        assertThat(explain(new IllegalStateException("bug"), "us-east-1")).isNull();
    }
}
