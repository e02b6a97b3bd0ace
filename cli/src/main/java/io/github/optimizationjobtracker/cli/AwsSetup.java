package io.github.optimizationjobtracker.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Region, credentials and endpoints, decided from the options and the settings' environment and profile files only
 * (never from the process's own environment behind the settings' back), the way the AWS CLI decides them.
 */
final class AwsSetup {
    static final String NO_CREDENTIALS = "no AWS credentials found: run `aws configure` (or `aws sso login`), pass"
            + " --profile NAME or set AWS_PROFILE";
    /** Any region will do for a local stand-in; this is the one the local run uses. */
    static final Region LOCAL_REGION = Region.US_EAST_1;
    /** The local stand-ins take any credentials; these are not secrets. */
    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private final ConnectionOptions options;
    private final Settings settings;
    private final AwsProfiles profiles;

    AwsSetup(ConnectionOptions options, Settings settings) {
        this.options = options;
        this.settings = settings;
        this.profiles = AwsProfiles.load(settings, options.profile());
    }

    AwsProfiles profiles() {
        return profiles;
    }

    /** DynamoDB's endpoint: --endpoint-url, else AWS_ENDPOINT_URL_DYNAMODB, else AWS_ENDPOINT_URL; else AWS's. */
    Optional<URI> dynamoDbEndpoint() {
        return endpoint(options.endpointUrl(), "AWS_ENDPOINT_URL_DYNAMODB");
    }

    /** CloudFormation's endpoint: AWS_ENDPOINT_URL_CLOUDFORMATION, else AWS_ENDPOINT_URL; else AWS's. */
    Optional<URI> cloudFormationEndpoint() {
        return endpoint(null, "AWS_ENDPOINT_URL_CLOUDFORMATION");
    }

    private Optional<URI> endpoint(String option, String serviceVariable) {
        String chosen = option != null ? option : settings.variable(serviceVariable);
        if (chosen == null) {
            chosen = settings.variable("AWS_ENDPOINT_URL");
        }
        if (chosen == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(chosen);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw TrackerException.usage("'" + chosen + "' is not an endpoint URL (like http://127.0.0.1:4567)");
        }
    }

    private boolean local() {
        return dynamoDbEndpoint().isPresent();
    }

    /** --region, else AWS_REGION or AWS_DEFAULT_REGION, else the profile's; any region for a local endpoint. */
    Region region() {
        String region = options.region();
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            region = region != null ? region : settings.variable(variable);
        }
        region = region != null ? region : profiles.setting("region");
        if (region != null) {
            return Region.of(region.strip());
        }
        if (local()) {
            return LOCAL_REGION;
        }
        throw TrackerException.aws("no AWS region: pass --region (e.g. --region us-east-1), set AWS_REGION, or run"
                + " `aws configure` to give profile '" + profiles.name() + "' one");
    }

    /**
     * A profile named with --profile is the only source (and must exist). Otherwise the AWS CLI's order: the
     * environment's keys, web identity, the profile, the container's and the instance's roles; with a local endpoint
     * (no instance role to ask), the stand-ins' own credentials when none of the others has any.
     */
    AwsCredentialsProvider credentials() {
        if (options.profile() != null) {
            if (!profiles.exists()) {
                throw TrackerException.aws("no profile '" + options.profile() + "' in " + profileFilesNamed()
                        + ": run `aws configure --profile " + options.profile() + "` or pass another --profile");
            }
            return profileCredentials();
        }
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        environmentKeys().ifPresent(chain::add);
        String tokenFile = settings.variable("AWS_WEB_IDENTITY_TOKEN_FILE");
        String roleArn = settings.variable("AWS_ROLE_ARN");
        if (tokenFile != null && roleArn != null) {
            chain.add(WebIdentityTokenFileCredentialsProvider.builder().webIdentityTokenFile(Path.of(tokenFile))
                    .roleArn(roleArn).roleSessionName("optimization-job-tracker-cli").build());
        }
        if (profiles.exists()) {
            chain.add(profileCredentials());
        }
        if (local()) {
            chain.add(LOCAL_CREDENTIALS);
        } else {
            if (settings.variable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
                    || settings.variable("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
                chain.add(ContainerCredentialsProvider.builder().build());
            }
            if (!"true".equalsIgnoreCase(settings.variable("AWS_EC2_METADATA_DISABLED"))) {
                chain.add(InstanceProfileCredentialsProvider.builder().profileFile(profiles.file())
                        .profileName(profiles.name()).build());
            }
        }
        if (chain.isEmpty()) {
            throw TrackerException.aws(NO_CREDENTIALS);
        }
        // Always a chain, even of one: when nothing gives credentials, the SDK's message is the chain's, recognised
        // by AwsErrors.
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(true).build();
    }

    private AwsCredentialsProvider profileCredentials() {
        return ProfileCredentialsProvider.builder().profileFile(profiles.file()).profileName(profiles.name()).build();
    }

    private Optional<AwsCredentialsProvider> environmentKeys() {
        String id = settings.variable("AWS_ACCESS_KEY_ID");
        String secret = settings.variable("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            return Optional.empty();
        }
        String token = settings.variable("AWS_SESSION_TOKEN");
        return Optional.of(StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token)));
    }

    private String profileFilesNamed() {
        String config = settings.variable("AWS_CONFIG_FILE");
        return config != null ? config + " or the credentials file" : "~/.aws/config or ~/.aws/credentials";
    }
}
