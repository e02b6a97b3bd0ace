package io.github.optimizationjobtracker.cli;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Says in one line what went wrong talking to AWS, and what to do about it. */
final class AwsErrors {
    private static final Set<String> BAD_CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "ExpiredTokenException", "ExpiredToken", "InvalidSignatureException", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken");
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied");

    private AwsErrors() {
    }

    /** The failure as the user should read it; null if it is no AWS failure (then it is the tracker's fault). */
    static TrackerException explain(Throwable failure, String table, String region) {
        if (failure instanceof TrackerException known) {
            return known;
        }
        if (failure instanceof ResourceNotFoundException) {
            return TrackerException.aws("table " + table + " not found in " + region + ": pass the table's --region,"
                    + " or name the table with --table or --stack", failure);
        }
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            if (BAD_CREDENTIALS.contains(code)) {
                return TrackerException.aws("AWS does not accept these credentials (" + code + ": " + message
                        + "): refresh them (`aws configure`, `aws sso login`) or pass another --profile", failure);
            }
            if (DENIED.contains(code)) {
                return TrackerException.aws("not allowed to read table " + table + " in " + region + " (" + message
                        + "): it needs dynamodb:GetItem and dynamodb:Query on the table and its indexes", failure);
            }
            return TrackerException.aws("AWS refused the request (" + code + "): " + message, failure);
        }
        if (failure instanceof SdkClientException client) {
            return explainClientSide(client, region);
        }
        return null;
    }

    private static TrackerException explainClientSide(SdkClientException failure, String region) {
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("Unable to load credentials")) {
            return TrackerException.aws(AwsSetup.NO_CREDENTIALS, failure);
        }
        UnknownHostException unknownHost = cause(failure, UnknownHostException.class);
        if (unknownHost != null) {
            String known = Region.regions().contains(Region.of(region)) ? ""
                    : " ('" + region + "' is no region this tracker knows)";
            return TrackerException.aws("cannot reach " + unknownHost.getMessage() + known
                    + ": check --region, or the network", failure);
        }
        if (cause(failure, ConnectException.class) != null || cause(failure, SocketTimeoutException.class) != null) {
            return TrackerException.aws("cannot connect to AWS in " + region + " (" + rootMessage(failure)
                    + "): with --endpoint-url, is the local stand-in running?", failure);
        }
        return TrackerException.aws("the AWS SDK failed: " + message.lines().findFirst().orElse(message), failure);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
